import rateLimit from '@fastify/rate-limit';
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Case, CaseEvent, CaseEventType, CaseRating, Unit } from '../../db/entities';
import { refusalOf, type Actor } from '../../domain/cases/case-actions';
import { caseNumberFromSlug, caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { AppError } from '../../domain/errors';
import { FINAL_STATUSES, type CaseStatus } from '../../domain/cases/case-states';
import { runCaseAction } from '../../intake/run-case-action';
import { residentMessageSignal } from '../../workflows/case.messages';
import { acceptCase } from '../../intake/accept-case';
import { caseSettings } from '../../intake/start-case-workflow';
import { trackingToken, verifyTrackingToken } from '../../intake/tracking-token';
import type { AppDeps } from '../app';
import {
  caseNumberParams,
  caseRatingBody,
  caseRatingResponse,
  createCaseBody,
  createdCaseResponse,
  idempotencyHeaders,
  caseStatusResponse,
  residentMessageBody,
  residentReopenBody,
  trackedCaseResponse,
  trackingQuery,
} from './public-cases.schemas';

const RESIDENT: Actor = { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null };

/** Statuses in which the resident may rate how the case was resolved. */
// An answered question is the resident's resolution as much as a fixed pothole is.
const RATEABLE: readonly CaseStatus[] = ['RESOLVED', 'ANSWERED', 'CLOSED'];

/** The portal's page of a case: the link residents follow from the acknowledgement and the 201. */
export function portalTrackingUrl(publicUrl: string, slug: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/portal/track/${slug}?token=${encodeURIComponent(token)}`;
}

/**
 * Whether the resident may reopen the case now, and until when: the workflow's own rule
 * (`refusalOf`) over the projected resolution time, so the page offers exactly what the workflow
 * will accept.
 */
function reopenWindow(row: Case, windowMinutes: number, now: Date) {
  const resolvedAt = row.resolvedAt ?? null;
  const refusal = refusalOf(
    'reopen',
    RESIDENT,
    {
      status: row.status,
      kind: row.kind,
      unitCode: row.unitCode ?? null,
      closedForReopenAt: resolvedAt?.toISOString() ?? null,
    },
    { now, reopenWindowMinutes: windowMinutes },
  );
  const reopenable = row.status === 'RESOLVED' || row.status === 'ANSWERED';
  return {
    canReopen: refusal === null,
    reopenUntil:
      reopenable && resolvedAt ? new Date(resolvedAt.getTime() + windowMinutes * 60_000).toISOString() : null,
  };
}

const ratingView = (rating: { score: number; comment?: string | null; ratedAt: Date }) => ({
  score: rating.score,
  comment: rating.comment ?? null,
  ratedAt: rating.ratedAt.toISOString(),
});

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
      const tracking = portalTrackingUrl(deps.config.http.publicUrl, slug, token);
      // A replay answers exactly as the first request did, so a client that lost the 201 gets it again.
      if (accepted.created)
        deps.metrics.caseAccepted({ channel: accepted.row.channel, kind: accepted.row.kind });
      else reply.header('idempotent-replayed', 'true');
      return reply.status(201).header('location', self).send({
        id: accepted.row.id,
        number: accepted.row.number,
        trackingToken: token,
        status: accepted.row.status,
        links: { self, tracking },
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
      const [events, unit, eventType, rating] = await Promise.all([
        em.find(CaseEvent, { caseId: row.id, isPublic: true }, { orderBy: { id: 'asc' } }),
        row.unitCode ? em.findOne(Unit, { code: row.unitCode }) : Promise.resolve(null),
        row.eventCode ? em.findOne(CaseEventType, { code: row.eventCode }) : Promise.resolve(null),
        em.findOne(CaseRating, { caseId: row.id }),
      ]);
      const awaitingResident = row.status === 'WAITING_FOR_RESIDENT';
      const question = awaitingResident ? events.findLast((e) => e.type === 'INFO_REQUESTED') : undefined;
      const hasPlace = row.lat != null || row.street != null;
      const street = [row.street, row.building].filter(Boolean).join(' ') || null;
      return {
        number: row.number,
        kind: row.kind,
        status: row.status,
        eventCode: row.eventCode ?? null,
        district: row.district ?? null,
        unit: unit ? { code: unit.code, name: unit.name, nameEn: unit.nameEn } : null,
        eventName: eventType ? { pl: eventType.name, en: eventType.nameEn } : null,
        location: hasPlace
          ? {
              lat: row.lat == null ? null : Number(row.lat),
              lon: row.lon == null ? null : Number(row.lon),
              street,
              district: row.district ?? null,
            }
          : null,
        createdAt: row.createdAt.toISOString(),
        resolutionDueAt: row.resolutionDueAt?.toISOString() ?? null,
        awaitingResident,
        infoRequest: question?.note ?? null,
        ...reopenWindow(row, deps.config.cases.reopenWindowMinutes, new Date()),
        canRate: RATEABLE.includes(row.status),
        rating: rating ? ratingView(rating) : null,
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

  app.post(
    '/cases/:number/rating',
    {
      config: intakeLimit,
      schema: {
        tags: ['cases'],
        summary: 'Rate how a resolved case was handled (1–5 and a comment); rating again replaces it',
        params: caseNumberParams,
        querystring: trackingQuery,
        body: caseRatingBody,
        response: { 200: caseRatingResponse },
      },
    },
    async (request) => {
      const row = await caseByToken(request.params.number, request.query.token);
      const comment = request.body.comment || null;
      const ratedAt = new Date();
      const stored = await deps.orm.em.fork().transactional(async (tx) => {
        // The status is checked by the same statement that writes: a case reopened meanwhile
        // cannot collect a rating of a resolution it no longer has.
        const [saved] = await tx.execute<{ score: number; comment: string | null; rated_at: Date }[]>(
          `insert into case_ratings (case_id, score, comment, unit_code, event_code, rated_at)
           select c.id, ?, ?, c.unit_code, c.event_code, ? from cases c
            where c.id = ? and c.status in (${RATEABLE.map(() => '?').join(', ')})
           on conflict (case_id) do update
             set score = excluded.score, comment = excluded.comment, unit_code = excluded.unit_code,
                 event_code = excluded.event_code, rated_at = excluded.rated_at
           returning score, comment, rated_at`,
          [request.body.score, comment, ratedAt, row.id, ...RATEABLE],
        );
        if (!saved) return null;
        // Outside the workflow, under a key of its own: the rating changes nothing of the case's
        // state, it only shows in the case's timeline for the resident and the staff.
        await tx.insert(CaseEvent, {
          caseId: row.id,
          eventKey: `rated:${randomUUID()}`,
          type: 'RATED',
          actor: RESIDENT.id,
          actorRole: RESIDENT.role,
          status: row.status,
          isPublic: true,
          note: comment,
          payload: { score: request.body.score },
          createdAt: ratedAt,
        });
        return saved;
      });
      if (!stored) {
        const current = await deps.orm.em.fork().findOneOrFail(Case, { id: row.id });
        throw new AppError(
          'CONFLICT',
          `Case ${current.number} is ${current.status.toLowerCase()}: it can be rated once it is resolved or answered`,
        );
      }
      return {
        number: row.number,
        rating: ratingView({
          score: stored.score,
          comment: stored.comment,
          ratedAt: new Date(stored.rated_at),
        }),
      };
    },
  );
};
