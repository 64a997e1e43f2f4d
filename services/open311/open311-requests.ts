import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, CaseEventType, Unit } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { caseNumberFromSlug, parseCaseNumber } from '../../domain/cases/case-number';
import type { CaseStatus } from '../../domain/cases/case-states';
import {
  isPublishedStatus,
  PUBLIC_STATUS_TEXTS,
  publicViewOfStoredCase,
  residentAgreedToPublish,
  UNPUBLISHED_STATUSES,
} from '../../domain/cases/public-view';
import { AppError } from '../../domain/errors';
import { openCaseReference } from '../cases/public-references';
import { serviceNotice } from './open311-services';

/** A service request as GeoReport v2 publishes it (api/open311/open311.schemas.ts documents it). */
export type Open311ServiceRequest = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

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
 * city's Open311 feed is its public map of reported problems; cancelled and merged ones are not
 * published. Newest first, at most 1000.
 */
export async function findServiceRequests(em: EntityManager, filter: RequestFilter): Promise<Case[]> {
  const where: FilterQuery<Case> = {
    kind: 'INCIDENT',
    eventCode: { $ne: null },
    status: { $nin: [...UNPUBLISHED_STATUSES] },
  };
  if ('numbers' in filter) {
    if (filter.numbers.length === 0) return [];
    where.number = { $in: filter.numbers };
  } else {
    where.createdAt = { $gte: filter.from, $lte: filter.to };
    if (filter.serviceCodes?.length) where.eventCode = { $in: filter.serviceCodes };
    const wanted = new Set(filter.statuses ?? []);
    if (wanted.size === 1) {
      where.status = wanted.has('closed')
        ? { $in: CLOSED_STATUSES.filter(isPublishedStatus) }
        : { $nin: [...CLOSED_STATUSES] };
    }
  }
  return em.find(Case, where, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: MAX_REQUESTS });
}

/** W3C date-time without the milliseconds nobody asked for. */
function w3c(date: Date | null | undefined): string | null {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/**
 * The public view of cases (domain/cases/public-view.ts) in the spec's shape: the register's
 * street without a building number, the rounded position, the description only with the
 * resident's consent, and the city's fixed text of the status as `status_notes`. Notes in the
 * timeline are written to the resident (or by them) and may name them, so none is published.
 * The media URL shows what the resident pictured: published with the same consent.
 */
export async function toServiceRequests(em: EntityManager, rows: Case[]): Promise<Open311ServiceRequest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const unitCodes = [...new Set(rows.map((row) => row.unitCode).filter((code): code is string => !!code))];
  const eventCodes = [...new Set(rows.map((row) => row.eventCode).filter((code): code is string => !!code))];
  const [units, events, media] = await Promise.all([
    unitCodes.length ? em.find(Unit, { code: { $in: unitCodes } }) : Promise.resolve([]),
    em.find(CaseEventType, { code: { $in: eventCodes } }),
    em.execute<{ case_id: string; media_url: string }[]>(
      'select case_id, media_url from open311_requests where media_url is not null and case_id in (?)',
      [ids],
    ),
  ]);
  const unitName = new Map(units.map((unit) => [unit.code, unit.name]));
  const eventType = new Map(events.map((event) => [event.code, event]));
  const mediaUrl = new Map(media.map((m) => [m.case_id, m.media_url]));

  return rows.map((row) => {
    const view = publicViewOfStoredCase(row);
    const status = open311Status(row.status);
    const event = row.eventCode ? eventType.get(row.eventCode) : undefined;
    return {
      service_request_id: view.number,
      status,
      status_notes: PUBLIC_STATUS_TEXTS[view.status].description,
      service_name: event?.name ?? null,
      service_code: row.eventCode ?? '',
      description: view.description,
      agency_responsible: row.unitCode ? (unitName.get(row.unitCode) ?? null) : null,
      service_notice: event ? serviceNotice(event) : null,
      requested_datetime: w3c(row.createdAt) ?? '',
      // The spec wants the closing time here for closed requests; updatedAt also moves on later writes.
      updated_datetime: w3c(
        status === 'closed' ? (row.closedAt ?? row.resolvedAt ?? row.updatedAt) : row.updatedAt,
      ),
      expected_datetime: w3c(row.resolutionDueAt),
      address: [view.street, view.district].filter(Boolean).join(', ') || null,
      address_id: null,
      zipcode: null,
      lat: view.lat,
      long: view.lon,
      media_url: residentAgreedToPublish(row) ? (mediaUrl.get(row.id) ?? null) : null,
    };
  });
}

/** The filters of GET /requests, as the schema parsed them. */
export interface ServiceRequestQuery {
  service_request_id?: string[];
  service_code?: string[];
  start_date?: string;
  end_date?: string;
  status?: ('open' | 'closed')[];
}

/** GET /requests: the requests named by id (every other filter ignored), or those of a window. */
export async function searchServiceRequests(
  orm: Orm,
  query: ServiceRequestQuery,
): Promise<Open311ServiceRequest[]> {
  const em = orm.em.fork();
  const rows = query.service_request_id
    ? await findServiceRequests(em, {
        numbers: query.service_request_id
          .map(caseNumberOfRequestId)
          .filter((number): number is string => number !== null),
      })
    : await findServiceRequests(em, {
        ...requestWindow(query.start_date, query.end_date),
        serviceCodes: query.service_code,
        statuses: query.status,
      });
  return toServiceRequests(em, rows);
}

/** GET /requests/{id}: one request by its id (the case number), or NOT_FOUND. */
export async function serviceRequestById(orm: Orm, id: string): Promise<Open311ServiceRequest[]> {
  const number = caseNumberOfRequestId(id);
  const em = orm.em.fork();
  const rows = number ? await findServiceRequests(em, { numbers: [number] }) : [];
  if (rows.length === 0) throw new AppError('NOT_FOUND', `No service request ${id}`);
  return toServiceRequests(em, rows);
}

/** GET /tokens/{token}: the request a token of POST /requests names, while it is published. */
export async function serviceRequestOfToken(
  orm: Orm,
  secret: string,
  token: string,
): Promise<{ service_request_id: string; token: string }> {
  const caseId = openCaseReference(secret, 'open311-token', token);
  const row = caseId
    ? await orm.em.fork().findOne(Case, {
        id: caseId,
        kind: 'INCIDENT',
        eventCode: { $ne: null },
        status: { $nin: [...UNPUBLISHED_STATUSES] },
      })
    : null;
  if (!row) throw new AppError('NOT_FOUND', `No token ${token}`);
  return { service_request_id: row.number, token };
}
