import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { District } from '../../../db/entities';
import type { CaseKind, CaseStatus, Channel } from '../../../domain/cases/case-states';
import { AppError } from '../../../domain/errors';
import { acceptCase } from '../../../intake/accept-case';
import { caseSettings } from '../../../intake/start-case-workflow';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { actorOf } from '../cases/case-access';
import { iso } from '../cases/case-record';
import {
  callerHistoryQuery,
  callerHistoryResponse,
  districtsResponse,
  idempotencyHeaders,
  MAX_CALL_SECONDS,
  recordCallBody,
  recordedCallResponse,
  type RecordCallBody,
} from './calls.schemas';

/** Intake names its fields after the case; the clerk's form names them after the call. */
const FORM_FIELDS: Record<string, string> = {
  district: 'location.district',
  contact: 'caller',
};

/** The digits that identify a phone line whatever the caller types: "+48 600-100-200" is "600100200". */
const PHONE_KEY_SQL = `right(regexp_replace(c.contact_phone, '[^0-9]', '', 'g'), 9)`;
const phoneKey = (phone: string) => phone.replace(/[^0-9]/g, '').slice(-9);

const HISTORY_LIMIT = 20;

function callTimes(body: RecordCallBody): {
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number;
} {
  const startedAt = body.callStartedAt ? new Date(body.callStartedAt) : null;
  const endedAt = body.callEndedAt ? new Date(body.callEndedAt) : null;
  const durationSeconds =
    body.durationSeconds ??
    // The schema asks for a start when there is no duration; a call without an end ends now.
    Math.max(0, Math.round(((endedAt ?? new Date()).getTime() - startedAt!.getTime()) / 1000));
  if (durationSeconds > MAX_CALL_SECONDS) {
    throw new AppError('UNPROCESSABLE', 'The call would be longer than any call is', {
      fields: [{ field: 'callStartedAt', message: `must be at most ${MAX_CALL_SECONDS / 3600} hours ago` }],
    });
  }
  return {
    startedAt: startedAt?.toISOString() ?? null,
    endedAt:
      endedAt?.toISOString() ??
      (startedAt ? new Date(startedAt.getTime() + durationSeconds * 1000).toISOString() : null),
    durationSeconds,
  };
}

/**
 * The phone channel: a clerk records a call as a case, and sees what the caller reported before.
 * An information call answered during the call is created answered (the workflow takes the answer
 * from its input), so the statistics count it as a handled contact.
 */
export const callRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const contactCenter = requireRole(deps, 'CLERK', 'ADMIN');

  app.post(
    '/calls',
    {
      preHandler: contactCenter,
      config: { validationStatus: 422 },
      schema: {
        tags: ['back office'],
        summary: 'Record a phone call as a case (channel PHONE)',
        security: [{ bearerAuth: [] }],
        headers: idempotencyHeaders,
        body: recordCallBody,
        response: { 201: recordedCallResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const clerk = actorOf(request.staff!);
      const call = callTimes(body);
      const answer = body.answer ? { text: body.answer } : undefined;
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
          channel: 'PHONE',
          eventCode: body.eventCode ?? null,
          description: body.description,
          district: body.location?.district ?? null,
          lat: body.location?.lat ?? null,
          lon: body.location?.lon ?? null,
          street: body.location?.street ?? null,
          building: body.location?.building ?? null,
          contact: {
            name: body.caller?.name ?? null,
            email: body.caller?.email ?? null,
            phone: body.caller?.phone ?? null,
          },
          language: body.language,
        },
        {
          idempotencyKey: request.headers['idempotency-key'],
          // Another clerk's call under the same key is a conflict, not this call again.
          hashOf: { body, clerk: clerk.id },
          recordedBy: { actor: clerk, details: { call, ...(answer ? { answeredOnIntake: answer } : {}) } },
        },
      ).catch((error: unknown) => {
        throw error instanceof AppError ? inFormFields(error) : error;
      });
      if (accepted.created) deps.metrics.caseAccepted({ channel: 'PHONE', kind: accepted.row.kind });
      else reply.header('idempotent-replayed', 'true');
      return reply
        .status(201)
        .header('location', `/api/cases/${accepted.row.id}`)
        .send({
          id: accepted.row.id,
          number: accepted.row.number,
          kind: accepted.row.kind,
          channel: accepted.row.channel,
          status: accepted.row.status,
          answeredOnIntake: Boolean(answer),
          call,
        });
    },
  );

  app.get(
    '/calls/caller-history',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: "The caller's earlier cases, found by e-mail or phone number",
        security: [{ bearerAuth: [] }],
        querystring: callerHistoryQuery,
        response: { 200: callerHistoryResponse },
      },
    },
    async (request) => {
      const { email, phone } = request.query;
      const emailKey = email?.toLowerCase() ?? null;
      const phoneDigits = phone ? phoneKey(phone) : null;
      // Two indexed lookups (migration PhoneCalls) joined, rather than one "or" the planner would scan for.
      const rows = await deps.orm.em
        .fork()
        .getConnection()
        .execute<
          {
            id: string;
            number: string;
            kind: CaseKind;
            status: CaseStatus;
            event_code: string | null;
            channel: Channel;
            created_at: Date | string;
            by_email: boolean;
            by_phone: boolean;
          }[]
        >(
          `select c.id, c.number, c.kind, c.status, c.event_code, c.channel, c.created_at,
                coalesce(lower(c.contact_email) = ?, false) as by_email,
                coalesce(${PHONE_KEY_SQL} = ?, false) as by_phone
           from cases c
          where c.id in (
            (select c.id from cases c where c.contact_email is not null and lower(c.contact_email) = ?
              order by c.created_at desc limit ${HISTORY_LIMIT})
            union
            (select c.id from cases c where c.contact_phone is not null and ${PHONE_KEY_SQL} = ?
              order by c.created_at desc limit ${HISTORY_LIMIT}))
          order by c.created_at desc
          limit ${HISTORY_LIMIT}`,
          [emailKey, phoneDigits, emailKey, phoneDigits],
        );
      return rows.map((row) => ({
        id: row.id,
        number: row.number,
        kind: row.kind,
        status: row.status,
        eventCode: row.event_code,
        channel: row.channel,
        createdAt: iso(row.created_at)!,
        matchedBy: [...(row.by_email ? ['email' as const] : []), ...(row.by_phone ? ['phone' as const] : [])],
      }));
    },
  );

  app.get(
    '/calls/districts',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: "The city's districts, for the location of a call",
        security: [{ bearerAuth: [] }],
        response: { 200: districtsResponse },
      },
    },
    async () => {
      const districts = await deps.orm.em.fork().find(District, {}, { orderBy: { name: 'asc' } });
      return districts.map((district) => ({ id: district.name, name: district.name }));
    },
  );
};

function inFormFields(error: AppError): AppError {
  const fields = error.details.fields;
  if (!fields?.length) return error;
  return new AppError(error.code, error.message, {
    ...error.details,
    fields: fields.map((f) => ({ field: FORM_FIELDS[f.field] ?? f.field, message: f.message })),
  });
}
