import rateLimit from '@fastify/rate-limit';
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Case, CaseEvent, Unit } from '../../db/entities';
import { caseNumberFromSlug, caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { AppError } from '../../domain/errors';
import { FINAL_STATUSES } from '../../domain/cases/case-states';
import { runCaseAction } from '../../intake/run-case-action';
import { residentMessageSignal } from '../../workflows/case.messages';
import { acceptCase } from '../../intake/accept-case';
import { caseSettings } from '../../intake/start-case-workflow';
import { trackingToken, verifyTrackingToken } from '../../intake/tracking-token';
import type { AppDeps } from '../app';
import {
  caseNumberParams,
  createCaseBody,
  createdCaseResponse,
  idempotencyHeaders,
  caseStatusResponse,
  residentMessageBody,
  residentReopenBody,
  trackedCaseResponse,
  trackingQuery,
} from './public-cases.schemas';

/** The residents' API: file a case, then follow it by number and token. */
export const publicCaseRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  // Per client address: filing is rarer than reading, so it gets the tighter budget.
  await app.register(rateLimit, { global: false });
  const intakeLimit = { rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' } };
  const trackingLimit = {
    rateLimit: { max: deps.config.rateLimits.trackingPerMinute, timeWindow: '1 minute' },
  };

  /** The case a number and token name; one answer for "no such case" and "wrong token". */
  async function caseByToken(slug: string, token: string): Promise<Case> {
    const number = caseNumberFromSlug(slug);
    const row = await deps.orm.em.fork().findOne(Case, { number });
    // Numbers are guessable, tokens are not: never tell which of the two was wrong.
    if (!row || !verifyTrackingToken(deps.config.secret, row.id, token)) {
      throw new AppError('NOT_FOUND', `No case ${number} with this tracking token`);
    }
    return row;
  }

  app.post(
    '/cases',
    {
      config: intakeLimit,
      schema: {
        tags: ['cases'],
        summary: 'File a case (report, question, suggestion or complaint)',
        headers: idempotencyHeaders,
        body: createCaseBody,
        response: { 201: createdCaseResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const accepted = await acceptCase(
        {
          orm: deps.orm,
          temporal: deps.temporal,
          taskQueue: deps.config.temporal.taskQueue,
          settings: caseSettings(deps.config),
          log: (message) => request.log.warn(message),
        },
        {
          kind: body.kind,
          channel: body.channel,
          eventCode: body.eventCode ?? null,
          description: body.description,
          district: body.district ?? null,
          lat: body.location?.lat ?? null,
          lon: body.location?.lon ?? null,
          street: body.location?.street ?? null,
          building: body.location?.building ?? null,
          contact: {
            name: body.contact?.name ?? null,
            email: body.contact?.email ?? null,
            phone: body.contact?.phone ?? null,
          },
          language: body.language,
        },
        { idempotencyKey: request.headers['idempotency-key'], hashOf: body },
      );
      const token = trackingToken(deps.config.secret, accepted.row.id);
      const slug = caseNumberToSlug(accepted.row.number);
      const self = `/api/v1/cases/${slug}`;
      // A replay answers exactly as the first request did, so a client that lost the 201 gets it again.
      if (accepted.created)
        deps.metrics.caseAccepted({ channel: accepted.row.channel, kind: accepted.row.kind });
      else reply.header('idempotent-replayed', 'true');
      return reply
        .status(201)
        .header('location', self)
        .send({
          id: accepted.row.id,
          number: accepted.row.number,
          trackingToken: token,
          status: accepted.row.status,
          links: { self, tracking: `${deps.config.http.publicUrl}${self}?token=${token}` },
        });
    },
  );

  app.get(
    '/cases/:number',
    {
      config: trackingLimit,
      schema: {
        tags: ['cases'],
        summary: 'Track a case by its number and tracking token',
        params: caseNumberParams,
        querystring: trackingQuery,
        response: { 200: trackedCaseResponse },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork();
      const row = await caseByToken(request.params.number, request.query.token);
      const [events, unit] = await Promise.all([
        em.find(CaseEvent, { caseId: row.id, isPublic: true }, { orderBy: { id: 'asc' } }),
        row.unitCode ? em.findOne(Unit, { code: row.unitCode }) : Promise.resolve(null),
      ]);
      return {
        number: row.number,
        kind: row.kind,
        status: row.status,
        eventCode: row.eventCode ?? null,
        district: row.district ?? null,
        unit: unit ? { code: unit.code, name: unit.name, nameEn: unit.nameEn } : null,
        createdAt: row.createdAt.toISOString(),
        resolutionDueAt: row.resolutionDueAt?.toISOString() ?? null,
        history: events.map((event) => ({
          at: event.createdAt.toISOString(),
          type: event.type,
          status: event.status ?? null,
          note: event.note ?? null,
        })),
      };
    },
  );

  app.post(
    '/cases/:number/messages',
    {
      config: intakeLimit,
      schema: {
        tags: ['cases'],
        summary: 'Add information to a case, or answer a request for information',
        params: caseNumberParams,
        querystring: trackingQuery,
        body: residentMessageBody,
        response: { 202: caseStatusResponse },
      },
    },
    async (request, reply) => {
      const row = await caseByToken(request.params.number, request.query.token);
      if (FINAL_STATUSES.includes(row.status)) {
        throw new AppError(
          'INVALID_TRANSITION',
          `Case ${row.number} is ${row.status.toLowerCase()} and takes no messages`,
        );
      }
      await deps.temporal.workflow.getHandle(caseWorkflowId(row.id)).signal(residentMessageSignal, {
        message: request.body.message,
        at: new Date().toISOString(),
        messageId: randomUUID(),
      });
      return reply.status(202).send({ number: row.number, status: row.status });
    },
  );

  app.post(
    '/cases/:number/reopen',
    {
      config: intakeLimit,
      schema: {
        tags: ['cases'],
        summary: 'Reopen a resolved case that is not fixed (within the reopen window)',
        params: caseNumberParams,
        querystring: trackingQuery,
        body: residentReopenBody,
        response: { 200: caseStatusResponse },
      },
    },
    async (request) => {
      const row = await caseByToken(request.params.number, request.query.token);
      const state = await runCaseAction(deps.temporal, row.id, {
        action: 'reopen',
        actor: { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null },
        input: { note: request.body.reason },
      });
      return { number: state.number, status: state.status };
    },
  );
};
