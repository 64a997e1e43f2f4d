import { CheckConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Announcement, District } from '../../../db/entities';
import { AppError, type FieldProblem } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { changedFields, pageOptions, recordConfigChange } from '../configuration';
import { contentRange } from '../list-query';
import {
  announcementIdParams,
  announcementListQuery,
  announcementRecord,
  createAnnouncementBody,
  updateAnnouncementBody,
  validityProblem,
  type AnnouncementState,
} from './announcements.schemas';

export function announcementState(announcement: Announcement, now = new Date()): AnnouncementState {
  if (announcement.validTo && announcement.validTo <= now) return 'expired';
  if (!announcement.published) return 'draft';
  return announcement.validFrom > now ? 'scheduled' : 'current';
}

const toRecord = (announcement: Announcement) => ({
  id: announcement.id,
  kind: announcement.kind,
  title: { pl: announcement.titlePl, en: announcement.titleEn },
  body: { pl: announcement.bodyPl, en: announcement.bodyEn },
  districts: announcement.districts,
  validFrom: announcement.validFrom.toISOString(),
  validTo: announcement.validTo?.toISOString() ?? null,
  published: announcement.published,
  state: announcementState(announcement),
  createdBy: announcement.createdBy,
  updatedBy: announcement.updatedBy,
  createdAt: announcement.createdAt.toISOString(),
  updatedAt: announcement.updatedAt.toISOString(),
});

interface AnnouncementFields {
  kind: Announcement['kind'];
  titlePl: string;
  titleEn: string;
  bodyPl: string;
  bodyEn: string;
  districts: string[];
  validFrom: Date;
  validTo: Date | null;
  published: boolean;
}

const auditable = (announcement: Announcement): AnnouncementFields => ({
  kind: announcement.kind,
  titlePl: announcement.titlePl,
  titleEn: announcement.titleEn,
  bodyPl: announcement.bodyPl,
  bodyEn: announcement.bodyEn,
  districts: [...announcement.districts],
  validFrom: announcement.validFrom,
  validTo: announcement.validTo ?? null,
  published: announcement.published,
});

function invalid(problems: FieldProblem[]): AppError {
  return new AppError('UNPROCESSABLE', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    fields: problems,
  });
}

async function refuseUnknownDistricts(em: EntityManager, districts: string[]): Promise<void> {
  if (!districts.length) return;
  const known = new Set(
    (await em.find(District, { name: { $in: districts } })).map((district) => district.name),
  );
  const unknown = districts.filter((name) => !known.has(name));
  if (unknown.length) {
    throw invalid([
      { field: 'districts', message: `unknown district ${unknown.map((n) => `"${n}"`).join(', ')}` },
    ]);
  }
}

/** The database's own check of the validity window still answers 400, should a race get past ours. */
async function refuseInvalidWindow<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CheckConstraintViolationException) throw invalid([validityProblem]);
    throw error;
  }
}

/**
 * Announcements in the back office. The contact center's clerks post outages and closures as they
 * learn of them, so clerks write here as well as managers and administrators; every change is in
 * the configuration audit trail.
 */
export const backOfficeAnnouncementRoutes: (deps: AppDeps) => FastifyPluginAsyncZod =
  (deps) => async (app) => {
    const editors = requireRole(deps, 'ADMIN', 'MANAGER', 'CLERK');
    const security = [{ bearerAuth: [] }];
    const tags = ['back office'];

    const findAnnouncement = async (em: EntityManager, id: string) => {
      const announcement = await em.findOne(Announcement, { id });
      if (!announcement) throw new AppError('NOT_FOUND', `No announcement ${id}`);
      return announcement;
    };

    app.get(
      '/announcements',
      {
        preHandler: editors,
        schema: {
          tags,
          summary: 'List announcements (current, scheduled, expired, drafts)',
          security,
          querystring: announcementListQuery,
          response: { 200: announcementRecord.array() },
        },
      },
      async (request, reply) => {
        const { filter = {} } = request.query;
        const now = new Date();
        const open = { $or: [{ validTo: null }, { validTo: { $gt: now } }] };
        const conditions: Record<string, unknown>[] = [];
        if (filter.id) conditions.push({ id: { $in: filter.id } });
        if (filter.kind) conditions.push({ kind: filter.kind });
        if (filter.district) conditions.push({ districts: { $contains: [filter.district] } });
        if (filter.state === 'current') conditions.push({ published: true, validFrom: { $lte: now } }, open);
        if (filter.state === 'scheduled') conditions.push({ published: true, validFrom: { $gt: now } }, open);
        if (filter.state === 'expired') conditions.push({ validTo: { $lte: now } });
        if (filter.state === 'draft') conditions.push({ published: false }, open);
        if (filter.q) {
          const like = `%${filter.q}%`;
          conditions.push({
            $or: [
              { titlePl: { $ilike: like } },
              { titleEn: { $ilike: like } },
              { bodyPl: { $ilike: like } },
              { bodyEn: { $ilike: like } },
            ],
          });
        }
        const { from, options } = pageOptions(
          { sort: request.query.sort ?? ['validFrom', 'DESC'], range: request.query.range },
          'validFrom',
        );
        const [announcements, total] = await deps.orm.em
          .fork()
          .findAndCount(Announcement, conditions.length ? { $and: conditions } : {}, {
            ...options,
            orderBy: { ...options.orderBy, id: 'asc' },
          });
        reply.header('Content-Range', contentRange('announcements', from, announcements.length, total));
        return announcements.map(toRecord);
      },
    );

    app.get(
      '/announcements/:id',
      {
        preHandler: editors,
        schema: {
          tags,
          summary: 'One announcement',
          security,
          params: announcementIdParams,
          response: { 200: announcementRecord },
        },
      },
      async (request) =>
        toRecord(await findAnnouncement(deps.orm.em.fork() as EntityManager, request.params.id)),
    );

    app.post(
      '/announcements',
      {
        preHandler: editors,
        // Like the other configuration resources: a well-formed body with bad content is 422.
        config: { validationStatus: 422 },
        schema: {
          tags,
          summary: 'Add an announcement',
          security,
          body: createAnnouncementBody,
          response: { 201: announcementRecord },
        },
      },
      async (request, reply) => {
        const { title, body, ...rest } = request.body;
        const em = deps.orm.em.fork() as EntityManager;
        await refuseUnknownDistricts(em, rest.districts);
        const username = request.staff!.username;
        const announcement = await refuseInvalidWindow(() =>
          em.transactional(async (tx) => {
            const created = tx.create(Announcement, {
              ...rest,
              titlePl: title.pl,
              titleEn: title.en,
              bodyPl: body.pl,
              bodyEn: body.en,
              createdBy: username,
              updatedBy: username,
            });
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'announcements',
              recordId: created.id,
              action: 'create',
              changes: changedFields({}, { ...auditable(created) }),
            });
            return created;
          }),
        );
        return reply.status(201).send(toRecord(announcement));
      },
    );

    app.put(
      '/announcements/:id',
      {
        preHandler: editors,
        // Like the other configuration resources: a well-formed body with bad content is 422.
        config: { validationStatus: 422 },
        schema: {
          tags,
          summary: 'Change an announcement; to withdraw one, end its validity or unpublish it',
          security,
          params: announcementIdParams,
          body: updateAnnouncementBody,
          response: { 200: announcementRecord },
        },
      },
      async (request) => {
        const { title, body, ...rest } = request.body;
        const em = deps.orm.em.fork() as EntityManager;
        const current = await findAnnouncement(em, request.params.id);
        const before = auditable(current);
        const target: AnnouncementFields = {
          ...before,
          ...rest,
          ...(title ? { titlePl: title.pl, titleEn: title.en } : {}),
          ...(body ? { bodyPl: body.pl, bodyEn: body.en } : {}),
        };
        if (target.validTo && target.validTo <= target.validFrom) throw invalid([validityProblem]);
        if (rest.districts) await refuseUnknownDistricts(em, rest.districts);
        const updated = await refuseInvalidWindow(() =>
          em.transactional(async (tx) => {
            const announcement = await findAnnouncement(tx, current.id);
            const changes = changedFields({ ...before }, { ...target });
            if (!Object.keys(changes).length) return announcement;
            tx.assign(announcement, { ...target, updatedBy: request.staff!.username });
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'announcements',
              recordId: announcement.id,
              action: 'update',
              changes,
            });
            return announcement;
          }),
        );
        return toRecord(updated);
      },
    );

    app.delete(
      '/announcements/:id',
      {
        preHandler: editors,
        schema: {
          tags,
          summary: 'Remove an announcement',
          security,
          params: announcementIdParams,
          response: { 200: announcementRecord },
        },
      },
      async (request) => {
        const em = deps.orm.em.fork() as EntityManager;
        const record = await em.transactional(async (tx) => {
          const announcement = await findAnnouncement(tx, request.params.id);
          const removed = toRecord(announcement);
          await recordConfigChange(tx, request, {
            resource: 'announcements',
            recordId: announcement.id,
            action: 'delete',
            changes: changedFields({ ...auditable(announcement) }, {}),
          });
          tx.remove(announcement);
          await tx.flush();
          return removed;
        });
        return record;
      },
    );
  };
