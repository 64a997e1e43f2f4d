import { randomUUID } from 'node:crypto';
import { Case, CaseEvent, CaseEventType, CaseRating, Unit } from '../../db/entities';
import { refusalOf, type Actor } from '../../domain/cases/case-actions';
import { caseNumberFromSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { FINAL_STATUSES, type CaseKind, type CaseStatus } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import { residentMessageSignal } from '../../workflows/case.messages';
import type { ServiceDeps } from '../service-deps';
import { runCaseAction } from './run-case-action';
import { verifyTrackingToken } from './tracking-token';

const RESIDENT: Actor = { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null };

/** Statuses in which the resident may rate how the case was resolved. */
// An answered question is the resident's resolution as much as a fixed pothole is.
const RATEABLE: readonly CaseStatus[] = ['RESOLVED', 'ANSWERED', 'CLOSED'];

/** Which case, and the proof that the caller is its resident: its number (as in a URL) and its tracking token. */
export interface TrackedCaseKey {
  slug: string;
  token: string;
}

export interface CaseRatingView {
  score: number;
  comment: string | null;
  ratedAt: string;
}

/** A case as its resident follows it (api/public-cases documents it as `trackedCaseResponse`). */
export interface TrackedCase {
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  eventCode: string | null;
  district: string | null;
  unit: { code: string; name: string; nameEn: string } | null;
  eventName: { pl: string; en: string } | null;
  location: { lat: number | null; lon: number | null; street: string | null; district: string | null } | null;
  createdAt: string;
  resolutionDueAt: string | null;
  awaitingResident: boolean;
  infoRequest: string | null;
  canReopen: boolean;
  reopenUntil: string | null;
  canRate: boolean;
  rating: CaseRatingView | null;
  history: { at: string; type: string; status: string | null; note: string | null }[];
}

/** The case a number and token name; one answer for "no such case" and "wrong token". */
async function caseByToken(deps: Pick<ServiceDeps, 'orm' | 'config'>, key: TrackedCaseKey): Promise<Case> {
  const number = caseNumberFromSlug(key.slug);
  const row = await deps.orm.em.fork().findOne(Case, { number });
  // Numbers are guessable, tokens are not: never tell which of the two was wrong.
  if (!row || !verifyTrackingToken(deps.config.secret, row.id, key.token)) {
    throw new AppError('NOT_FOUND', `No case ${number} with this tracking token`);
  }
  return row;
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

const ratingView = (rating: { score: number; comment?: string | null; ratedAt: Date }): CaseRatingView => ({
  score: rating.score,
  comment: rating.comment ?? null,
  ratedAt: rating.ratedAt.toISOString(),
});

/** The case as its resident follows it: status, unit, place, the public timeline, reopening and rating. */
export async function trackCase(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  key: TrackedCaseKey,
): Promise<TrackedCase> {
  const em = deps.orm.em.fork();
  const row = await caseByToken(deps, key);
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
}

/** The resident adds information to an open case, or answers the city's question. */
export async function addResidentMessage(
  deps: Pick<ServiceDeps, 'orm' | 'config' | 'temporal'>,
  key: TrackedCaseKey,
  message: string,
): Promise<{ number: string; status: CaseStatus }> {
  const row = await caseByToken(deps, key);
  if (FINAL_STATUSES.includes(row.status)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `Case ${row.number} is ${row.status.toLowerCase()} and takes no messages`,
    );
  }
  await deps.temporal.workflow.getHandle(caseWorkflowId(row.id)).signal(residentMessageSignal, {
    message,
    at: new Date().toISOString(),
    messageId: randomUUID(),
  });
  return { number: row.number, status: row.status };
}

/** The resident reopens a resolved case that is not fixed; the workflow decides (the window). */
export async function reopenByResident(
  deps: Pick<ServiceDeps, 'orm' | 'config' | 'temporal'>,
  key: TrackedCaseKey,
  reason: string,
): Promise<{ number: string; status: CaseStatus }> {
  const row = await caseByToken(deps, key);
  const state = await runCaseAction(deps.temporal, row.id, {
    action: 'reopen',
    actor: { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null },
    input: { note: reason },
  });
  return { number: state.number, status: state.status };
}

/** The resident rates how a resolved case was handled; rating again replaces the rating. */
export async function rateCase(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  key: TrackedCaseKey,
  input: { score: number; comment?: string },
): Promise<{ number: string; rating: CaseRatingView }> {
  const row = await caseByToken(deps, key);
  const comment = input.comment || null;
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
      [input.score, comment, ratedAt, row.id, ...RATEABLE],
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
      payload: { score: input.score },
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
}
