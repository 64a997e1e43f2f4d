import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, CaseEvent, CaseEventType, Unit } from '../../db/entities';
import { caseNumberFromSlug, parseCaseNumber } from '../../domain/cases/case-number';
import type { CaseStatus } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import type { Open311ServiceRequest } from './open311.schemas';
import { serviceNotice } from './open311-services';

/** The spec's default window and its limit on start_date..end_date. */
export const MAX_WINDOW_DAYS = 90;
/** The spec's default cap on one answer. */
export const MAX_REQUESTS = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Open311 knows two statuses: anything the city still works on is open. */
const CLOSED_STATUSES: readonly CaseStatus[] = ['RESOLVED', 'ANSWERED', 'CLOSED', 'CANCELLED', 'MERGED'];

export function open311Status(status: CaseStatus): 'open' | 'closed' {
  return CLOSED_STATUSES.includes(status) ? 'closed' : 'open';
}

/** A service_request_id as the case number it names (`000123/26` or `000123-26`), or null. */
export function caseNumberOfRequestId(value: string): string | null {
  const number = caseNumberFromSlug(value.trim());
  return parseCaseNumber(number) ? number : null;
}

/**
 * The requested_datetime window: the last 90 days without dates; 90 days from the one date given;
 * both dates at most 90 days apart (the spec's limit, which keeps every query on the date index).
 */
export function requestWindow(start: string | undefined, end: string | undefined, now = new Date()) {
  const from = start ? new Date(start) : null;
  const to = end ? new Date(end) : null;
  if (from && to) {
    if (to < from) {
      throw new AppError('VALIDATION_FAILED', 'end_date is before start_date', {
        fields: [{ field: 'end_date', message: 'must not be before start_date' }],
      });
    }
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw new AppError('VALIDATION_FAILED', 'The date range is too long', {
        fields: [{ field: 'end_date', message: `may be at most ${MAX_WINDOW_DAYS} days after start_date` }],
      });
    }
    return { from, to };
  }
  if (from) return { from, to: new Date(from.getTime() + MAX_WINDOW_DAYS * DAY_MS) };
  const until = to ?? now;
  return { from: new Date(until.getTime() - MAX_WINDOW_DAYS * DAY_MS), to: until };
}

export type RequestFilter =
  { numbers: string[] } | { from: Date; to: Date; serviceCodes?: string[]; statuses?: ('open' | 'closed')[] };

/**
 * Cases that are Open311 service requests: incidents with an event, from every channel, since the
 * city's Open311 feed is its public map of reported problems. Newest first, at most 1000.
 */
export async function findServiceRequests(em: EntityManager, filter: RequestFilter): Promise<Case[]> {
  const where: FilterQuery<Case> = { kind: 'INCIDENT', eventCode: { $ne: null } };
  if ('numbers' in filter) {
    if (filter.numbers.length === 0) return [];
    where.number = { $in: filter.numbers };
  } else {
    where.createdAt = { $gte: filter.from, $lte: filter.to };
    if (filter.serviceCodes?.length) where.eventCode = { $in: filter.serviceCodes };
    const wanted = new Set(filter.statuses ?? []);
    if (wanted.size === 1) {
      where.status = wanted.has('closed') ? { $in: [...CLOSED_STATUSES] } : { $nin: [...CLOSED_STATUSES] };
    }
  }
  return em.find(Case, where, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: MAX_REQUESTS });
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const PHONE =
  /(?<![\w/+.])(?:\+\d{1,3}[ -]?)?(?:\(\d{1,4}\)[ -]?\d(?:[ -]?\d){5,11}|\d(?:[ -]?\d){8,13})(?![\w/:])/g;

/**
 * Free text published to anyone: residents write their e-mail or phone into descriptions, and the
 * feed must not republish them. Phone numbers need nine digits or more, so case numbers
 * (`000123/26`), dates and coordinates stay.
 */
export function redactContactData(text: string): string {
  return text.replace(EMAIL, '[e-mail]').replace(PHONE, '[telefon]');
}

/** Double columns can come back from the driver as strings. */
function coordinate(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** W3C date-time without the milliseconds nobody asked for. */
function w3c(date: Date | null | undefined): string | null {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

function address(row: Case): string | null {
  const street = [row.street, row.building].filter(Boolean).join(' ');
  return [street, row.district].filter(Boolean).join(', ') || null;
}

/**
 * The public view of cases: no contact data of any kind, only what the spec's request carries.
 * Names, notes and media are fetched for the whole page at once.
 */
export async function toServiceRequests(em: EntityManager, rows: Case[]): Promise<Open311ServiceRequest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const unitCodes = [...new Set(rows.map((row) => row.unitCode).filter((code): code is string => !!code))];
  const eventCodes = [...new Set(rows.map((row) => row.eventCode).filter((code): code is string => !!code))];
  const [units, events, notes, media] = await Promise.all([
    unitCodes.length ? em.find(Unit, { code: { $in: unitCodes } }) : Promise.resolve([]),
    em.find(CaseEventType, { code: { $in: eventCodes } }),
    em.find(
      CaseEvent,
      { caseId: { $in: ids }, isPublic: true, note: { $ne: null } },
      { orderBy: { id: 'desc' }, fields: ['caseId', 'note'] },
    ),
    em.execute<{ case_id: string; media_url: string }[]>(
      'select case_id, media_url from open311_requests where media_url is not null and case_id in (?)',
      [ids],
    ),
  ]);
  const unitName = new Map(units.map((unit) => [unit.code, unit.name]));
  const eventType = new Map(events.map((event) => [event.code, event]));
  const newestNote = new Map<string, string>();
  for (const event of notes)
    if (event.note && !newestNote.has(event.caseId)) newestNote.set(event.caseId, event.note);
  const mediaUrl = new Map(media.map((m) => [m.case_id, m.media_url]));

  return rows.map((row) => {
    const status = open311Status(row.status);
    const event = row.eventCode ? eventType.get(row.eventCode) : undefined;
    const note = newestNote.get(row.id);
    return {
      service_request_id: row.number,
      status,
      status_notes: note ? redactContactData(note) : null,
      service_name: event?.name ?? null,
      service_code: row.eventCode ?? '',
      description: row.description ? redactContactData(row.description).slice(0, 4000) : null,
      agency_responsible: row.unitCode ? (unitName.get(row.unitCode) ?? null) : null,
      service_notice: event ? serviceNotice(event) : null,
      requested_datetime: w3c(row.createdAt) ?? '',
      // The spec wants the closing time here for closed requests; updatedAt also moves on later writes.
      updated_datetime: w3c(
        status === 'closed' ? (row.closedAt ?? row.resolvedAt ?? row.updatedAt) : row.updatedAt,
      ),
      expected_datetime: w3c(row.resolutionDueAt),
      address: address(row),
      address_id: null,
      zipcode: null,
      lat: coordinate(row.lat),
      long: coordinate(row.lon),
      media_url: mediaUrl.get(row.id) ?? null,
    };
  });
}
