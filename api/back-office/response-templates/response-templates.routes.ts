import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ResponseTemplate } from '../../../db/entities';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import type { SessionUser } from '../../auth/auth.schemas';
import { requireRole } from '../../auth/authenticate';
import { conflict, pageOptions, refuseDuplicates } from '../configuration';
import { contentRange } from '../list-query';
import {
  createResponseTemplateBody,
  responseTemplateListQuery,
  responseTemplateRecord,
  templateIdParams,
  updateResponseTemplateBody,
} from './response-templates.schemas';

const toRecord = (template: ResponseTemplate) => ({
  id: template.id,
  name: template.name,
  action: template.action,
  language: template.language,
  body: template.body,
  active: template.active,
  createdAt: template.createdAt.toISOString(),
  updatedAt: template.updatedAt.toISOString(),
});

/** Those who keep the templates see switched-off ones too; everyone else only what they may use. */
const maintains = (user: SessionUser | undefined) => user?.role === 'ADMIN' || user?.role === 'MANAGER';

const duplicateName = (name: string, language: string) =>
  `a template named "${name}" in language ${language} exists already`;

/** Texts clerks and unit staff start their notes to residents from. */
export const responseTemplateRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER', 'CLERK', 'UNIT_STAFF');
  const writers = requireRole(deps, 'ADMIN', 'MANAGER');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];
  const config = { validationStatus: 422 as const };

  const findTemplate = async (em: EntityManager, id: string, user: SessionUser | undefined) => {
    const template = await em.findOne(ResponseTemplate, {
      id,
      ...(maintains(user) ? {} : { active: true }),
    });
    if (!template) throw new AppError('NOT_FOUND', `No response template ${id}`);
    return template;
  };

  const refuseTakenName = async (
    em: EntityManager,
    name: string,
    language: ResponseTemplate['language'],
    exceptId?: string,
  ) => {
    const taken = await em.count(ResponseTemplate, {
      name,
      language,
      ...(exceptId ? { id: { $ne: exceptId } } : {}),
    });
    if (taken) throw conflict('name', duplicateName(name, language));
  };

  app.get(
    '/response-templates',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Response templates (clerks and unit staff see the active ones)',
        security,
        querystring: responseTemplateListQuery,
        response: { 200: z.array(responseTemplateRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.id = { $in: filter.id };
      if (filter.action) where.action = Array.isArray(filter.action) ? { $in: filter.action } : filter.action;
      if (filter.language) where.language = filter.language;
      if (filter.active !== undefined) where.active = filter.active;
      if (!maintains(request.staff)) where.active = true;
      if (filter.q) {
        const like = `%${filter.q}%`;
        where.$or = [{ name: { $ilike: like } }, { body: { $ilike: like } }];
      }
      const { from, options } = pageOptions(request.query, 'name');
      const [templates, total] = await deps.orm.em.fork().findAndCount(ResponseTemplate, where, options);
      reply.header('Content-Range', contentRange('response-templates', from, templates.length, total));
      return templates.map(toRecord);
    },
  );

  app.get(
    '/response-templates/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One response template',
        security,
        params: templateIdParams,
        response: { 200: responseTemplateRecord },
      },
    },
    async (request) =>
      toRecord(await findTemplate(deps.orm.em.fork() as EntityManager, request.params.id, request.staff)),
  );

  app.post(
    '/response-templates',
    {
      preHandler: writers,
      config,
      schema: {
        tags,
        summary: 'Add a response template',
        security,
        body: createResponseTemplateBody,
        response: { 201: responseTemplateRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      await refuseTakenName(em, body.name, body.language);
      const template = em.create(ResponseTemplate, body);
      await refuseDuplicates(() => em.flush(), 'name', duplicateName(body.name, body.language));
      request.log.info(
        { actor: request.staff?.username, templateId: template.id },
        'response template added',
      );
      return reply.status(201).send(toRecord(template));
    },
  );

  app.put(
    '/response-templates/:id',
    {
      preHandler: writers,
      config,
      schema: {
        tags,
        summary: 'Change a response template',
        security,
        params: templateIdParams,
        body: updateResponseTemplateBody,
        response: { 200: responseTemplateRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const template = await findTemplate(em, request.params.id, request.staff);
      const name = request.body.name ?? template.name;
      const language = request.body.language ?? template.language;
      await refuseTakenName(em, name, language, template.id);
      em.assign(template, request.body);
      await refuseDuplicates(() => em.flush(), 'name', duplicateName(name, language));
      request.log.info(
        { actor: request.staff?.username, templateId: template.id },
        'response template changed',
      );
      return toRecord(template);
    },
  );

  app.delete(
    '/response-templates/:id',
    {
      preHandler: writers,
      schema: {
        tags,
        summary: 'Remove a response template (notes written from it keep their text)',
        security,
        params: templateIdParams,
        response: { 200: responseTemplateRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const template = await findTemplate(em, request.params.id, request.staff);
      const record = toRecord(template);
      await em.remove(template).flush();
      request.log.info(
        { actor: request.staff?.username, templateId: record.id },
        'response template removed',
      );
      return record;
    },
  );
};
