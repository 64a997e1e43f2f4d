import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Case, CaseEventType, SlaPolicy } from '../../../db/entities';
import { AppError, type FieldProblem } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { changedFields, conflict, pageOptions, recordConfigChange, unprocessable } from '../configuration';
import { contentRange } from '../list-query';
import {
  createSlaPolicyBody,
  policyIdParams,
  slaPolicyListQuery,
  slaPolicyRecord,
  updateSlaPolicyBody,
} from './sla-policies.schemas';

type PolicyFields = Omit<z.infer<typeof slaPolicyRecord>, 'id'>;

const toRecord = (policy: SlaPolicy) => ({
  id: policy.id,
  name: policy.name,
  eventCode: policy.eventCode ?? null,
  priority: (policy.priority ?? null) as PolicyFields['priority'],
  // Double precision columns may come back as strings from the driver.
  firstResponseMinutes: Number(policy.firstResponseMinutes),
  resolutionMinutes: Number(policy.resolutionMinutes),
  calendar: policy.calendar === 'ALWAYS' ? ('ALWAYS' as const) : ('BUSINESS' as const),
  warnAtPercent: policy.warnAtPercent,
  escalationPercents: policy.escalationPercents,
  active: policy.active,
});

const auditable = (policy: SlaPolicy): PolicyFields => {
  const { id: _id, ...fields } = toRecord(policy);
  return fields;
};

const scopeOf = (policy: Pick<PolicyFields, 'eventCode' | 'priority'>) =>
  policy.eventCode ? `event ${policy.eventCode}` : `the default of priority ${policy.priority}`;

/**
 * The clock activity takes the event's policy, else the default of the case's priority, else the
 * default of `normal`: without that last one a case could start with no clock at all.
 */
const isLastResort = (policy: Pick<PolicyFields, 'eventCode' | 'priority' | 'active'>) =>
  policy.active && policy.eventCode === null && policy.priority === 'normal';

async function policyProblems(
  em: EntityManager,
  policy: PolicyFields,
  previous: PolicyFields | null,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if ((policy.eventCode === null) === (policy.priority === null)) {
    problems.push({
      field: 'eventCode',
      message: 'a policy times either one event or, as a default, one priority: set exactly one of them',
    });
  }
  if (policy.eventCode !== null && policy.eventCode !== previous?.eventCode) {
    if (!(await em.count(CaseEventType, { code: policy.eventCode }))) {
      problems.push({ field: 'eventCode', message: `unknown event "${policy.eventCode}"` });
    }
  }
  if (policy.firstResponseMinutes > policy.resolutionMinutes) {
    problems.push({
      field: 'firstResponseMinutes',
      message: 'the first response cannot be due after the resolution',
    });
  }
  return problems;
}

/** One active policy per scope: the clock activity picks one, and two would leave it to chance. */
async function sameScopePolicy(em: EntityManager, policy: PolicyFields, exceptId?: number) {
  if (!policy.active || (policy.eventCode === null && policy.priority === null)) return null;
  return em.findOne(SlaPolicy, {
    ...(policy.eventCode !== null
      ? { eventCode: policy.eventCode }
      : { eventCode: null, priority: policy.priority }),
    active: true,
    ...(exceptId !== undefined ? { id: { $ne: exceptId } } : {}),
  });
}

const duplicate = (policy: PolicyFields, existing: SlaPolicy) =>
  conflict(
    policy.eventCode !== null ? 'eventCode' : 'priority',
    `an active policy for ${scopeOf(policy)} already exists (#${existing.id} ${existing.name}): change or deactivate it`,
    { policyId: existing.id },
  );

/**
 * SLA policies. A case's clock is computed once, from the policy in force when it starts (routing,
 * reopening); running clocks keep their deadlines when a policy changes.
 */
export const slaPolicyRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER');
  const admin = requireRole(deps, 'ADMIN');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];
  const config = { validationStatus: 422 as const };

  const findPolicy = async (em: EntityManager, id: number) => {
    const policy = await em.findOne(SlaPolicy, { id });
    if (!policy) throw new AppError('NOT_FOUND', `No SLA policy ${id}`);
    return policy;
  };

  app.get(
    '/sla-policies',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'SLA policies',
        security,
        querystring: slaPolicyListQuery,
        response: { 200: z.array(slaPolicyRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.id = { $in: filter.id };
      if (filter.eventCode) where.eventCode = filter.eventCode;
      if (filter.priority) where.priority = filter.priority;
      if (filter.calendar) where.calendar = filter.calendar;
      if (filter.active !== undefined) where.active = filter.active;
      if (filter.isDefault !== undefined) where.eventCode = filter.isDefault ? null : { $ne: null };
      if (filter.q) {
        const like = `%${filter.q}%`;
        where.$or = [{ name: { $ilike: like } }, { eventCode: { $ilike: like } }];
      }
      const { from, options } = pageOptions(request.query, 'id');
      const [policies, total] = await deps.orm.em.fork().findAndCount(SlaPolicy, where, options);
      reply.header('Content-Range', contentRange('sla-policies', from, policies.length, total));
      return policies.map(toRecord);
    },
  );

  app.get(
    '/sla-policies/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One SLA policy',
        security,
        params: policyIdParams,
        response: { 200: slaPolicyRecord },
      },
    },
    async (request) => toRecord(await findPolicy(deps.orm.em.fork() as EntityManager, request.params.id)),
  );

  app.post(
    '/sla-policies',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Add an SLA policy (applies to clocks started from now on)',
        security,
        body: createSlaPolicyBody,
        response: { 201: slaPolicyRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const problems = await policyProblems(em, body, null);
      if (problems.length) throw unprocessable(problems);
      const existing = await sameScopePolicy(em, body);
      if (existing) throw duplicate(body, existing);
      const policy = await em.transactional(async (tx) => {
        const created = tx.create(SlaPolicy, body);
        await tx.flush();
        await recordConfigChange(tx, request, {
          resource: 'sla-policies',
          recordId: created.id,
          action: 'create',
          changes: changedFields({}, auditable(created)),
        });
        return created;
      });
      return reply.status(201).send(toRecord(policy));
    },
  );

  app.put(
    '/sla-policies/:id',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Change an SLA policy (applies to clocks started from now on; running clocks keep theirs)',
        security,
        params: policyIdParams,
        body: updateSlaPolicyBody,
        response: { 200: slaPolicyRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const current = await findPolicy(em, request.params.id);
      const before = auditable(current);
      const target: PolicyFields = { ...before, ...request.body };
      const problems = await policyProblems(em, target, before);
      if (isLastResort(before) && !isLastResort(target)) {
        problems.push({
          field: before.active && !target.active ? 'active' : 'priority',
          message:
            'the default of priority normal times every case no other policy fits: it stays active (change its targets instead)',
        });
      }
      if (problems.length) throw unprocessable(problems);
      const existing = await sameScopePolicy(em, target, current.id);
      if (existing) throw duplicate(target, existing);
      await em.transactional(async (tx) => {
        const policy = await findPolicy(tx, current.id);
        tx.assign(policy, target);
        await tx.flush();
        const changes = changedFields(before, auditable(policy));
        if (Object.keys(changes).length) {
          await recordConfigChange(tx, request, {
            resource: 'sla-policies',
            recordId: policy.id,
            action: 'update',
            changes,
          });
        }
      });
      return toRecord(await findPolicy(deps.orm.em.fork() as EntityManager, current.id));
    },
  );

  app.delete(
    '/sla-policies/:id',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Remove an SLA policy no case was timed by (409 otherwise: deactivate it instead)',
        security,
        params: policyIdParams,
        response: { 200: slaPolicyRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      return em.transactional(async (tx) => {
        const policy = await findPolicy(tx, request.params.id);
        if (isLastResort(auditable(policy))) {
          throw conflict(
            'priority',
            'the default of priority normal times every case no other policy fits: it stays',
          );
        }
        const cases = await tx.count(Case, { slaPolicyId: policy.id });
        if (cases) {
          throw conflict('id', `SLA policy #${policy.id} timed ${cases} case(s): deactivate it instead`, {
            usedBy: { cases },
          });
        }
        await recordConfigChange(tx, request, {
          resource: 'sla-policies',
          recordId: policy.id,
          action: 'delete',
          changes: changedFields(auditable(policy), {}),
        });
        tx.remove(policy);
        return toRecord(policy);
      });
    },
  );
};
