import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseEventType, District, RoutingRule, Unit } from '../../../db/entities';
import { AppError, type FieldProblem } from '../../../domain/errors';
import { DISTRICT_OFFICE, routeCase } from '../../../domain/routing/route-case';
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
  createRoutingRuleBody,
  routingPreview,
  routingPreviewQuery,
  routingRuleListQuery,
  routingRuleRecord,
  ruleIdParams,
  updateRoutingRuleBody,
} from './routing-rules.schemas';

const toRecord = (rule: RoutingRule) => ({
  id: rule.id,
  eventCode: rule.eventCode ?? null,
  district: rule.district ?? null,
  unitCode: rule.unitCode,
  active: rule.active,
  createdAt: rule.createdAt.toISOString(),
});

const auditable = (rule: RoutingRule) => ({
  eventCode: rule.eventCode ?? null,
  district: rule.district ?? null,
  unitCode: rule.unitCode,
  active: rule.active,
});

type RuleFields = ReturnType<typeof auditable>;

const scopeOf = (rule: Pick<RuleFields, 'eventCode' | 'district'>) =>
  `event ${rule.eventCode ?? 'any'}, district ${rule.district ?? 'any'}`;

/**
 * Checks what the database cannot: the event, district and unit exist, and the rule names at least
 * an event or a district (routing ignores a rule that matches everything). Unchanged values of an
 * existing rule are not checked again, so a rule whose unit was switched off can still be edited.
 */
async function ruleProblems(
  em: EntityManager,
  rule: RuleFields,
  previous: RuleFields | null,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (rule.eventCode === null && rule.district === null) {
    problems.push({ field: 'eventCode', message: 'a rule names an event, a district or both' });
  }
  if (rule.eventCode !== null && rule.eventCode !== previous?.eventCode) {
    if (!(await em.count(CaseEventType, { code: rule.eventCode }))) {
      problems.push({ field: 'eventCode', message: `unknown event "${rule.eventCode}"` });
    }
  }
  if (rule.district !== null && rule.district !== previous?.district) {
    if (!(await em.count(District, { name: rule.district }))) {
      problems.push({ field: 'district', message: `unknown district "${rule.district}"` });
    }
  }
  if (rule.unitCode !== DISTRICT_OFFICE && rule.unitCode !== previous?.unitCode) {
    const unit = await em.findOne(Unit, { code: rule.unitCode });
    if (!unit) {
      problems.push({
        field: 'unitCode',
        message: `unknown unit "${rule.unitCode}" (or ${DISTRICT_OFFICE} for the district office)`,
      });
    } else if (!unit.active) {
      problems.push({ field: 'unitCode', message: `unit "${rule.unitCode}" is not active` });
    }
  }
  return problems;
}

/** One active rule per event and district: with two, which one routes would be left to chance. */
async function sameScopeRule(
  em: EntityManager,
  rule: RuleFields,
  exceptId?: number,
): Promise<RoutingRule | null> {
  if (!rule.active) return null;
  return em.findOne(RoutingRule, {
    eventCode: rule.eventCode,
    district: rule.district,
    active: true,
    ...(exceptId !== undefined ? { id: { $ne: exceptId } } : {}),
  });
}

const duplicateMessage = (rule: RuleFields, existing?: RoutingRule | null) =>
  `an active rule for ${scopeOf(rule)} already exists${existing ? ` (#${existing.id})` : ''}: change or deactivate it`;

/**
 * Routing rules: which unit gets a new case of an event in a district. The routing activity reads
 * them at every routing, so a change applies to the next case routed, with no restart.
 */
export const routingRuleRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER');
  const admin = requireRole(deps, 'ADMIN');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];
  const config = { validationStatus: 422 as const };

  const findRule = async (em: EntityManager, id: number) => {
    const rule = await em.findOne(RoutingRule, { id });
    if (!rule) throw new AppError('NOT_FOUND', `No routing rule ${id}`);
    return rule;
  };

  app.get(
    '/routing-rules',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Routing rules',
        security,
        querystring: routingRuleListQuery,
        response: { 200: z.array(routingRuleRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.id = { $in: filter.id };
      if (filter.eventCode) where.eventCode = filter.eventCode;
      if (filter.district) where.district = filter.district;
      if (filter.unitCode) where.unitCode = filter.unitCode;
      if (filter.active !== undefined) where.active = filter.active;
      const { from, options } = pageOptions(request.query, 'id');
      const [rules, total] = await deps.orm.em.fork().findAndCount(RoutingRule, where, options);
      reply.header('Content-Range', contentRange('routing-rules', from, rules.length, total));
      return rules.map(toRecord);
    },
  );

  app.get(
    '/routing-rules/preview',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Which unit a new case of this event and district would go to now, and by which rule',
        security,
        querystring: routingPreviewQuery,
        response: { 200: routingPreview },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork();
      const [rules, units] = await Promise.all([
        em.find(RoutingRule, { active: true }, { orderBy: { id: 'asc' } }),
        em.find(Unit, {}),
      ]);
      const inputs = rules.map((rule) => ({
        id: rule.id,
        eventCode: rule.eventCode ?? null,
        district: rule.district ?? null,
        unitCode: rule.unitCode,
      }));
      const decision = routeCase(
        { eventCode: request.query.eventCode || null, district: request.query.district || null },
        inputs,
        units.map((unit) => ({ code: unit.code, district: unit.district ?? null, active: unit.active })),
      );
      if (!decision.routed) return { routed: false, unitCode: null, ruleId: null, reason: decision.reason };
      const rule = inputs.find((input) => input === decision.rule);
      return { routed: true, unitCode: decision.unitCode, ruleId: rule?.id ?? null, reason: null };
    },
  );

  app.get(
    '/routing-rules/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One routing rule',
        security,
        params: ruleIdParams,
        response: { 200: routingRuleRecord },
      },
    },
    async (request) => toRecord(await findRule(deps.orm.em.fork() as EntityManager, request.params.id)),
  );

  app.post(
    '/routing-rules',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Add a routing rule (applies to the next case routed)',
        security,
        body: createRoutingRuleBody,
        response: { 201: routingRuleRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const problems = await ruleProblems(em, body, null);
      if (problems.length) throw unprocessable(problems);
      const existing = await sameScopeRule(em, body);
      if (existing) throw conflict('eventCode', duplicateMessage(body, existing), { ruleId: existing.id });
      const rule = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(RoutingRule, { ...body, createdAt: new Date() });
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'routing-rules',
              recordId: created.id,
              action: 'create',
              changes: changedFields({}, auditable(created)),
            });
            return created;
          }),
        'eventCode',
        duplicateMessage(body),
      );
      return reply.status(201).send(toRecord(rule));
    },
  );

  app.put(
    '/routing-rules/:id',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Change or deactivate a routing rule (applies to the next case routed)',
        security,
        params: ruleIdParams,
        body: updateRoutingRuleBody,
        response: { 200: routingRuleRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const current = await findRule(em, request.params.id);
      const before = auditable(current);
      const target: RuleFields = { ...before, ...request.body };
      const problems = await ruleProblems(em, target, before);
      if (problems.length) throw unprocessable(problems);
      const existing = await sameScopeRule(em, target, current.id);
      if (existing) throw conflict('eventCode', duplicateMessage(target, existing), { ruleId: existing.id });
      await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const rule = await findRule(tx, current.id);
            tx.assign(rule, target);
            await tx.flush();
            const changes = changedFields(before, auditable(rule));
            if (Object.keys(changes).length) {
              await recordConfigChange(tx, request, {
                resource: 'routing-rules',
                recordId: rule.id,
                action: 'update',
                changes,
              });
            }
          }),
        'eventCode',
        duplicateMessage(target),
      );
      return toRecord(await findRule(deps.orm.em.fork() as EntityManager, current.id));
    },
  );

  app.delete(
    '/routing-rules/:id',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Remove a routing rule (no case refers to rules; routing of open cases is unchanged)',
        security,
        params: ruleIdParams,
        response: { 200: routingRuleRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      return em.transactional(async (tx) => {
        const rule = await findRule(tx, request.params.id);
        await recordConfigChange(tx, request, {
          resource: 'routing-rules',
          recordId: rule.id,
          action: 'delete',
          changes: changedFields(auditable(rule), {}),
        });
        tx.remove(rule);
        return toRecord(rule);
      });
    },
  );
};
