import { District } from '../../db/entities';
import type { SessionUser } from '../../domain/auth/session-user';
import type { CaseKind, CaseStatus, Channel } from '../../domain/cases/case-states';
import { callTimes } from '../../domain/cases/phone-calls';
import { streetPart } from '../../domain/places/streets';
import { warsawPlaces } from '../../domain/places/warsaw';
import type { CaseMetrics, Orm, ServiceDeps } from '../service-deps';
import { acceptCase } from './accept-case';
import { actorOf } from './case-access';
import { iso } from './case-records';
import { inFormFields } from './form-fields';
import { caseSettings } from './start-case-workflow';

/** A call as the clerk's form records it. */
export interface PhoneCall {
  caller?: { name?: string; email?: string; phone?: string };
  kind: CaseKind;
  eventCode?: string;
  location?: { lat?: number; lon?: number; street?: string; building?: string; district?: string };
  description: string;
  callStartedAt?: string;
  callEndedAt?: string;
  durationSeconds?: number;
  /** The answer given during the call: the case is created already answered. */
  answer?: string;
  language: 'pl' | 'en';
}

/** Intake names its fields after the case; the clerk's form names them after the call. */
const FORM_FIELDS: Record<string, string> = {
  district: 'location.district',
  contact: 'caller',
};

/**
 * The phone channel: a clerk records a call as a case. An information call answered during the
 * call is created answered (the workflow takes the answer from its input), so the statistics count
 * it as a handled contact. `created` is false when the idempotency key had already recorded it.
 */
export async function recordCall(
  deps: ServiceDeps & { metrics: CaseMetrics },
  user: SessionUser,
  body: PhoneCall,
  options: { idempotencyKey?: string; log: (message: string) => void },
) {
  const clerk = actorOf(user);
  const call = callTimes(body);
  const place = placeOfCall(body.location);
  const answer = body.answer ? { text: body.answer } : undefined;
  const accepted = await acceptCase(
    {
      orm: deps.orm,
      temporal: deps.temporal,
      taskQueue: deps.config.temporal.taskQueue,
      settings: caseSettings(deps.config),
      log: options.log,
    },
    {
      kind: body.kind,
      channel: 'PHONE',
      eventCode: body.eventCode ?? null,
      description: body.description,
      district: place.district,
      lat: place.lat,
      lon: place.lon,
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
      idempotencyKey: options.idempotencyKey,
      // Another clerk's call under the same key is a conflict, not this call again.
      hashOf: { body, clerk: clerk.id },
      recordedBy: { actor: clerk, details: { call, ...(answer ? { answeredOnIntake: answer } : {}) } },
    },
  ).catch((error: unknown) => {
    throw inFormFields(error, FORM_FIELDS);
  });
  if (accepted.created) deps.metrics.caseAccepted({ channel: 'PHONE', kind: accepted.row.kind });
  return {
    created: accepted.created,
    recorded: {
      id: accepted.row.id,
      number: accepted.row.number,
      kind: accepted.row.kind,
      channel: accepted.row.channel,
      status: accepted.row.status,
      answeredOnIntake: Boolean(answer),
      call,
    },
  };
}

/**
 * Where the call's case is. Coordinates the form sends win; without them a street the city's
 * register names (the street search the portal uses) places the case at the register's point of
 * that street in the district, so the unit gets a pin and the workflow's duplicate check runs.
 * A street the register does not know, or one running through several districts with no district
 * given, leaves the case without a position, as the clerk's form warns.
 */
function placeOfCall(location: PhoneCall['location']) {
  const district = location?.district ?? null;
  if (location?.lat !== undefined && location.lon !== undefined) {
    return { district, lat: location.lat, lon: location.lon };
  }
  const part = location?.street ? streetPart(warsawPlaces().streets, location.street, district) : null;
  if (!part) return { district, lat: null, lon: null };
  return { district: district ?? part.district, lat: part.lat, lon: part.lon };
}

/** The digits that identify a phone line whatever the caller types: "+48 600-100-200" is "600100200". */
const PHONE_KEY_SQL = `right(regexp_replace(c.contact_phone, '[^0-9]', '', 'g'), 9)`;
const phoneKey = (phone: string) => phone.replace(/[^0-9]/g, '').slice(-9);

const HISTORY_LIMIT = 20;

/** The caller's earlier cases, found by e-mail or phone number, newest first. */
export async function callerHistory(orm: Orm, caller: { email?: string; phone?: string }) {
  const emailKey = caller.email?.toLowerCase() ?? null;
  const phoneDigits = caller.phone ? phoneKey(caller.phone) : null;
  // Two indexed lookups (migration PhoneCalls) joined, rather than one "or" the planner would scan for.
  const rows = await orm.em
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
}

/** The city's districts by name, for the location of a call. */
export async function districtNames(orm: Orm): Promise<string[]> {
  const districts = await orm.em.fork().find(District, {}, { orderBy: { name: 'asc' } });
  return districts.map((district) => district.name);
}
