import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ResponseTemplate } from '../../../db/entities';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import type { SessionUser } from '../../auth/auth.schemas';
import { requireRole } from '../../auth/authenticate';
import { changedFields, conflict, pageOptions, recordConfigChange, refuseDuplicates } from '../configuration';
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

const auditable = (template: ResponseTemplate) => {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = toRecord(template);
  return fields;
};

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
      const template = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(ResponseTemplate, body);
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'response-templates',
              recordId: created.id,
              action: 'create',
              changes: changedFields({}, auditable(created)),
            });
            return created;
          }),
        'name',
        duplicateName(body.name, body.language),
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
      const current = await findTemplate(em, request.params.id, request.staff);
      const name = request.body.name ?? current.name;
      const language = request.body.language ?? current.language;
      await refuseTakenName(em, name, language, current.id);
      const before = auditable(current);
      const template = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const row = await findTemplate(tx, current.id, request.staff);
            tx.assign(row, request.body);
            await tx.flush();
            const changes = changedFields(before, auditable(row));
            if (Object.keys(changes).length) {
              await recordConfigChange(tx, request, {
                resource: 'response-templates',
                recordId: row.id,
                action: 'update',
                changes,
              });
            }
            return row;
          }),
        'name',
        duplicateName(name, language),
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
      return em.transactional(async (tx) => {
        const template = await findTemplate(tx, request.params.id, request.staff);
        await recordConfigChange(tx, request, {
          resource: 'response-templates',
          recordId: template.id,
          action: 'delete',
          changes: changedFields(auditable(template), {}),
        });
        tx.remove(template);
        return toRecord(template);
      });
    },
  );
};
