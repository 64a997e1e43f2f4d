import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Case, CaseEventType, RoutingRule, SlaPolicy, Subcategory, Unit } from '../../../db/entities';
import { AppError, type FieldProblem } from '../../../domain/errors';
import { DISTRICT_OFFICE } from '../../../domain/routing/route-case';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import {
  changedFields,
  conflict,
  pageOptions,
  recordConfigChange,
  refuseDuplicates,
  unprocessable,
} from '../configuration';
import { contentRange } from '../list-query';
import {
  codeParams,
  createSubcategoryBody,
  createTaxonomyEventBody,
  subcategoryListQuery,
  subcategoryRecord,
  taxonomyEventListQuery,
  taxonomyEventRecord,
  updateSubcategoryBody,
  updateTaxonomyEventBody,
} from './taxonomy.schemas';

const eventRecord = (event: CaseEventType) => ({
  id: event.code,
  code: event.code,
  subcategory: event.subcategory,
  name: event.name,
  nameEn: event.nameEn,
  defaultUnit: event.defaultUnit,
  priority: event.priority as 'low' | 'normal' | 'urgent',
  resolutionHours: event.resolutionHours,
  requiresDescription: event.requiresDescription,
  allowsAnonymous: event.allowsAnonymous,
  active: event.active,
});

const auditableEvent = (event: CaseEventType) => {
  const { id: _id, ...fields } = eventRecord(event);
  return fields;
};

/** Names a few of many, for messages that say what still uses a record. */
function someOf(items: string[], limit = 5): string {
  return items.length > limit
    ? `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`
    : items.join(', ');
}

async function unitProblem(em: EntityManager, field: string, unitCode: string): Promise<FieldProblem | null> {
  if (unitCode === DISTRICT_OFFICE) return null;
  const unit = await em.findOne(Unit, { code: unitCode });
  if (!unit)
    return { field, message: `unknown unit "${unitCode}" (or ${DISTRICT_OFFICE} for the district office)` };
  if (!unit.active) return { field, message: `unit "${unitCode}" is not active` };
  return null;
}

/**
 * The taxonomy residents report against: subcategories and their events. Routing takes an event's
 * default unit from its general routing rule (any district), so that rule follows `defaultUnit`.
 */
export const backOfficeTaxonomyRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER', 'CLERK');
  const admin = requireRole(deps, 'ADMIN');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];
  const config = { validationStatus: 422 as const };

  const subcategoryRecords = async (em: EntityManager, subcategories: Subcategory[]) => {
    if (!subcategories.length) return [];
    const counts = await em.execute<{ subcategory: string; count: string }[]>(
      `select subcategory, count(*) as count from taxonomy_events where subcategory in (${subcategories
        .map(() => '?')
        .join(', ')}) group by subcategory`,
      subcategories.map((s) => s.code),
    );
    const countOf = new Map(counts.map((row) => [row.subcategory, Number(row.count)]));
    return subcategories.map((sub) => ({
      id: sub.code,
      code: sub.code,
      name: sub.name,
      nameEn: sub.nameEn,
      eventCount: countOf.get(sub.code) ?? 0,
    }));
  };

  const findSubcategory = async (em: EntityManager, code: string) => {
    const sub = await em.findOne(Subcategory, { code });
    if (!sub) throw new AppError('NOT_FOUND', `No subcategory ${code}`);
    return sub;
  };

  const findEvent = async (em: EntityManager, code: string) => {
    const event = await em.findOne(CaseEventType, { code });
    if (!event) throw new AppError('NOT_FOUND', `No event ${code}`);
    return event;
  };

  /** The event's general rule (any district) routes to `unitCode` from now on. */
  const followDefaultUnit = async (
    tx: EntityManager,
    request: FastifyRequest,
    eventCode: string,
    unitCode: string,
  ) => {
    const rule = await tx.findOne(RoutingRule, { eventCode, district: null, active: true });
    if (rule?.unitCode === unitCode) return;
    if (rule) {
      const before = rule.unitCode;
      rule.unitCode = unitCode;
      await tx.flush();
      await recordConfigChange(tx, request, {
        resource: 'routing-rules',
        recordId: rule.id,
        action: 'update',
        changes: { unitCode: { from: before, to: unitCode } },
      });
      return;
    }
    const created = tx.create(RoutingRule, {
      eventCode,
      district: null,
      unitCode,
      active: true,
      createdAt: new Date(),
    });
    await tx.flush();
    await recordConfigChange(tx, request, {
      resource: 'routing-rules',
      recordId: created.id,
      action: 'create',
      changes: changedFields({}, { eventCode, district: null, unitCode, active: true }),
    });
  };

  app.get(
    '/subcategories',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Subcategories of the taxonomy',
        security,
        querystring: subcategoryListQuery,
        response: { 200: z.array(subcategoryRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.code = { $in: filter.id };
      if (filter.q) {
        const like = `%${filter.q}%`;
        where.$or = [{ code: { $ilike: like } }, { name: { $ilike: like } }, { nameEn: { $ilike: like } }];
      }
      const em = deps.orm.em.fork() as EntityManager;
      const { from, options } = pageOptions(request.query, 'code', { idColumn: 'code' });
      const [subcategories, total] = await em.findAndCount(Subcategory, where, options);
      reply.header('Content-Range', contentRange('subcategories', from, subcategories.length, total));
      return subcategoryRecords(em, subcategories);
    },
  );

  app.get(
    '/subcategories/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One subcategory',
        security,
        params: codeParams,
        response: { 200: subcategoryRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const [record] = await subcategoryRecords(em, [await findSubcategory(em, request.params.id)]);
      return record!;
    },
  );

  app.post(
    '/subcategories',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Add a subcategory',
        security,
        body: createSubcategoryBody,
        response: { 201: subcategoryRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const taken = `a subcategory with the code "${body.code}" already exists`;
      if (await em.count(Subcategory, { code: body.code })) throw conflict('code', taken);
      const sub = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(Subcategory, body);
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'subcategories',
              recordId: created.code,
              action: 'create',
              changes: changedFields({}, body),
            });
            return created;
          }),
        'code',
        taken,
      );
      const [record] = await subcategoryRecords(em, [sub]);
      return reply.status(201).send(record!);
    },
  );

  app.put(
    '/subcategories/:id',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Rename a subcategory',
        security,
        params: codeParams,
        body: updateSubcategoryBody,
        response: { 200: subcategoryRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      await em.transactional(async (tx) => {
        const sub = await findSubcategory(tx, request.params.id);
        const before = { name: sub.name, nameEn: sub.nameEn };
        if (request.body.name !== undefined) sub.name = request.body.name;
        if (request.body.nameEn !== undefined) sub.nameEn = request.body.nameEn;
        await tx.flush();
        const changes = changedFields(before, { name: sub.name, nameEn: sub.nameEn });
        if (Object.keys(changes).length) {
          await recordConfigChange(tx, request, {
            resource: 'subcategories',
            recordId: sub.code,
            action: 'update',
            changes,
          });
        }
      });
      const fresh = deps.orm.em.fork() as EntityManager;
      const [record] = await subcategoryRecords(fresh, [await findSubcategory(fresh, request.params.id)]);
      return record!;
    },
  );

  app.delete(
    '/subcategories/:id',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Remove a subcategory that has no events (409 naming them otherwise)',
        security,
        params: codeParams,
        response: { 200: subcategoryRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      return em.transactional(async (tx) => {
        const sub = await findSubcategory(tx, request.params.id);
        const events = await tx.find(CaseEventType, { subcategory: sub.code }, { orderBy: { code: 'asc' } });
        if (events.length) {
          throw conflict(
            'code',
            `subcategory ${sub.code} still has ${events.length} event(s): ${someOf(events.map((e) => e.code))}`,
            { usedBy: { events: events.map((e) => e.code) } },
          );
        }
        await recordConfigChange(tx, request, {
          resource: 'subcategories',
          recordId: sub.code,
          action: 'delete',
          changes: changedFields({ name: sub.name, nameEn: sub.nameEn }, {}),
        });
        tx.remove(sub);
        return { id: sub.code, code: sub.code, name: sub.name, nameEn: sub.nameEn, eventCount: 0 };
      });
    },
  );

  app.get(
    '/taxonomy-events',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Events of the taxonomy, active or not',
        security,
        querystring: taxonomyEventListQuery,
        response: { 200: z.array(taxonomyEventRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.code = { $in: filter.id };
      if (filter.subcategory) where.subcategory = filter.subcategory;
      if (filter.defaultUnit) where.defaultUnit = filter.defaultUnit;
      if (filter.priority) where.priority = filter.priority;
      if (filter.active !== undefined) where.active = filter.active;
      if (filter.q) {
        const like = `%${filter.q}%`;
        where.$or = [{ code: { $ilike: like } }, { name: { $ilike: like } }, { nameEn: { $ilike: like } }];
      }
      const { from, options } = pageOptions(request.query, 'code', { idColumn: 'code' });
      const [events, total] = await deps.orm.em.fork().findAndCount(CaseEventType, where, options);
      reply.header('Content-Range', contentRange('taxonomy-events', from, events.length, total));
      return events.map(eventRecord);
    },
  );

  app.get(
    '/taxonomy-events/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One event',
        security,
        params: codeParams,
        response: { 200: taxonomyEventRecord },
      },
    },
    async (request) => eventRecord(await findEvent(deps.orm.em.fork() as EntityManager, request.params.id)),
  );

  app.post(
    '/taxonomy-events',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Add an event; its general routing rule sends it to the default unit',
        security,
        body: createTaxonomyEventBody,
        response: { 201: taxonomyEventRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const problems: FieldProblem[] = [];
      if (!(await em.count(Subcategory, { code: body.subcategory }))) {
        problems.push({ field: 'subcategory', message: `unknown subcategory "${body.subcategory}"` });
      }
      const unit = await unitProblem(em, 'defaultUnit', body.defaultUnit);
      if (unit) problems.push(unit);
      if (problems.length) throw unprocessable(problems);
      const taken = `an event with the code "${body.code}" already exists`;
      if (await em.count(CaseEventType, { code: body.code })) throw conflict('code', taken);
      const event = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(CaseEventType, body);
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'taxonomy-events',
              recordId: created.code,
              action: 'create',
              changes: changedFields({}, auditableEvent(created)),
            });
            await followDefaultUnit(tx, request, created.code, created.defaultUnit);
            return created;
          }),
        'code',
        taken,
      );
      return reply.status(201).send(eventRecord(event));
    },
  );

  app.put(
    '/taxonomy-events/:id',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Change an event; a deactivated event is no longer offered to residents or accepted',
        security,
        params: codeParams,
        body: updateTaxonomyEventBody,
        response: { 200: taxonomyEventRecord },
      },
    },
    async (request) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const current = await findEvent(em, request.params.id);
      const problems: FieldProblem[] = [];
      if (body.subcategory !== undefined && body.subcategory !== current.subcategory) {
        if (!(await em.count(Subcategory, { code: body.subcategory }))) {
          problems.push({ field: 'subcategory', message: `unknown subcategory "${body.subcategory}"` });
        }
      }
      if (body.defaultUnit !== undefined && body.defaultUnit !== current.defaultUnit) {
        const unit = await unitProblem(em, 'defaultUnit', body.defaultUnit);
        if (unit) problems.push(unit);
      }
      if (problems.length) throw unprocessable(problems);
      await em.transactional(async (tx) => {
        const event = await findEvent(tx, request.params.id);
        const before = auditableEvent(event);
        tx.assign(event, body);
        await tx.flush();
        const changes = changedFields(before, auditableEvent(event));
        if (!Object.keys(changes).length) return;
        await recordConfigChange(tx, request, {
          resource: 'taxonomy-events',
          recordId: event.code,
          action: 'update',
          changes,
        });
        if (changes.defaultUnit) await followDefaultUnit(tx, request, event.code, event.defaultUnit);
      });
      return eventRecord(await findEvent(deps.orm.em.fork() as EntityManager, request.params.id));
    },
  );

  app.delete(
    '/taxonomy-events/:id',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Remove an event no case and no SLA policy uses, with its routing rules (409 otherwise)',
        security,
        params: codeParams,
        response: { 200: taxonomyEventRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      return em.transactional(async (tx) => {
        const event = await findEvent(tx, request.params.id);
        const [cases, policies] = await Promise.all([
          tx.count(Case, { eventCode: event.code }),
          tx.find(SlaPolicy, { eventCode: event.code }, { orderBy: { id: 'asc' } }),
        ]);
        const uses = [
          ...(cases ? [`${cases} case(s)`] : []),
          ...(policies.length ? [`SLA policies ${someOf(policies.map((p) => `#${p.id} ${p.name}`))}`] : []),
        ];
        if (uses.length) {
          throw conflict(
            'code',
            `event ${event.code} is used by ${uses.join(' and ')}: deactivate it instead`,
            {
              usedBy: { cases, slaPolicies: policies.map((p) => p.id) },
            },
          );
        }
        const rules = await tx.find(RoutingRule, { eventCode: event.code });
        for (const rule of rules) {
          await recordConfigChange(tx, request, {
            resource: 'routing-rules',
            recordId: rule.id,
            action: 'delete',
            changes: changedFields(
              { eventCode: rule.eventCode, district: rule.district, unitCode: rule.unitCode },
              {},
            ),
          });
          tx.remove(rule);
        }
        await tx.flush();
        await recordConfigChange(tx, request, {
          resource: 'taxonomy-events',
          recordId: event.code,
          action: 'delete',
          changes: changedFields(auditableEvent(event), {}),
        });
        tx.remove(event);
        return eventRecord(event);
      });
    },
  );
};
