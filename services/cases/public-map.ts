import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, CaseEvent, CaseFollower } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { caseNumberFromSlug } from '../../domain/cases/case-number';
import type { CaseKind, CaseStatus } from '../../domain/cases/case-states';
import { publicCaseView, publicViewOfStoredCase, UNPUBLISHED_STATUSES } from '../../domain/cases/public-view';
import { AppError } from '../../domain/errors';
import type { ServiceDeps } from '../service-deps';
import { OPEN_STATUSES } from '../../domain/cases/case-states';
import { findNearbyOpenCases } from './nearby-open-cases';
import { openCursorParam, sealCaseReference } from './public-references';

const OPEN: readonly string[] = OPEN_STATUSES;
const RESOLVED = ['RESOLVED', 'CLOSED'];
/**
 * The map's "resolved" means recently resolved: a year of fixed potholes would bury the open ones,
 * and a resident looks for what the city did lately. Measured by updated_at, the time of the case's
 * last change, which for a resolved or closed case is when it was resolved or closed.
 */
export const RECENTLY_RESOLVED_DAYS = 30;

/** A map cursor the server did not hand out: a 400 naming the parameter says so. */
export const MAP_CURSOR_MESSAGE = 'must be the nextCursor of the previous page';

/** What the map asks for, as the schema parsed it. */
export interface MapQuery {
  /** minLon, minLat, maxLon, maxLat */
  bbox?: [number, number, number, number];
  event?: string;
  status: 'open' | 'resolved' | 'all';
  limit: number;
  cursor?: string;
}

/** A report on the map: positions rounded, the register's street (domain/cases/public-view.ts). */
export interface MapCase {
  number: string;
  eventCode: string | null;
  status: string;
  lat: number;
  lon: number;
  street: string | null;
  district: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A row of `cases` with the columns the public projection starts from. */
interface PublishableRow {
  id: string;
  number: string;
  kind: CaseKind;
  event_code: string | null;
  status: CaseStatus;
  lat: number;
  lon: number;
  street: string | null;
  district: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

const fromRow = (r: PublishableRow) =>
  publicCaseView({
    number: r.number,
    kind: r.kind,
    status: r.status,
    eventCode: r.event_code,
    district: r.district,
    street: r.street,
    lat: r.lat,
    lon: r.lon,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

/**
 * Other residents' reports on a map, as the 19115 app shows them. The public projection
 * (domain/cases/public-view.ts): no description, no contact, no building number, the register's
 * street, positions rounded to about 10 m. Keyset pages (created_at, id), newest first, so a busy
 * city never pays for an offset; the cursor is sealed, as no case id leaves the back office.
 */
export async function mapCases(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  q: MapQuery,
): Promise<{ items: MapCase[]; nextCursor: string | null }> {
  const where = [`c.kind = 'INCIDENT'`, 'c.lat is not null', 'c.lon is not null'];
  const params: unknown[] = [];
  const open = `c.status in (${OPEN.map(() => '?').join(', ')})`;
  const recentlyResolved = `(c.status in (${RESOLVED.map(() => '?').join(', ')}) and c.updated_at > now() - make_interval(days => ?))`;
  if (q.status === 'open') {
    where.push(open);
    params.push(...OPEN);
  } else if (q.status === 'resolved') {
    where.push(recentlyResolved);
    params.push(...RESOLVED, RECENTLY_RESOLVED_DAYS);
  } else {
    where.push(`(${open} or ${recentlyResolved})`);
    params.push(...OPEN, ...RESOLVED, RECENTLY_RESOLVED_DAYS);
  }
  if (q.bbox) {
    where.push('c.lon between ? and ? and c.lat between ? and ?');
    params.push(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
  }
  if (q.event) {
    where.push('c.event_code = ?');
    params.push(q.event);
  }
  if (q.cursor) {
    const after = openCursorParam(deps.config.secret, 'map-cursor', 'cursor', q.cursor, MAP_CURSOR_MESSAGE);
    // The position is read back at full (microsecond) precision, so no case filed in the same
    // millisecond is skipped or repeated; a cursor of a case gone from the table ends the list.
    where.push('(c.created_at, c.id) < (select a.created_at, a.id from cases a where a.id = ?)');
    params.push(after);
  }
  const rows = await deps.orm.em.fork().execute<PublishableRow[]>(
    `select c.id, c.number, c.kind, c.event_code, c.status, c.lat, c.lon, c.street, c.district,
            c.created_at, c.updated_at
     from cases c where ${where.join(' and ')} order by c.created_at desc, c.id desc limit ?`,
    [...params, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const view = fromRow(r);
      return {
        number: view.number,
        eventCode: view.eventCode,
        status: view.status,
        lat: view.lat!,
        lon: view.lon!,
        street: view.street,
        district: view.district,
        createdAt: view.createdAt.toISOString(),
        updatedAt: view.updatedAt.toISOString(),
      };
    }),
    nextCursor:
      rows.length > q.limit && last ? sealCaseReference(deps.config.secret, 'map-cursor', last.id) : null,
  };
}

/** An open report near a point, as public as the map: distances from the published positions. */
export interface NearbyPublicCase extends Omit<MapCase, 'eventCode' | 'updatedAt'> {
  eventCode: string;
  distanceMeters: number;
}

/** Open reports of one event near a point, nearest first ("is this your problem?"). */
export async function nearbyPublicCases(
  orm: Orm,
  q: { event: string; lat: number; lon: number; radiusMeters: number },
): Promise<NearbyPublicCase[]> {
  const rows = await findNearbyOpenCases(orm.em.fork(), {
    eventCode: q.event,
    lat: q.lat,
    lon: q.lon,
    radiusMeters: q.radiusMeters,
    // Whatever its age, an open case is the resident's problem still waiting to be fixed.
    windowDays: null,
    limit: 20,
    fromPublishedPositions: true,
  });
  return rows.map((r) => {
    const view = publicCaseView({
      number: r.number,
      kind: 'INCIDENT',
      status: r.status as CaseStatus,
      eventCode: r.eventCode,
      district: r.district,
      street: r.street,
      lat: r.lat,
      lon: r.lon,
      createdAt: r.createdAt,
      updatedAt: r.createdAt,
    });
    return {
      number: view.number,
      eventCode: r.eventCode,
      status: view.status,
      lat: view.lat!,
      lon: view.lon!,
      street: view.street,
      district: view.district,
      createdAt: view.createdAt.toISOString(),
      distanceMeters: Math.round(r.meters / 10) * 10,
    };
  });
}

/**
 * A case other residents may see: a located incident, as on the map (any age, so a follower's
 * link keeps working). Questions, complaints and
 * suggestions are between the resident and the city, so they are "not found" here.
 */
export async function publicCase(em: EntityManager, slug: string): Promise<Case> {
  const number = caseNumberFromSlug(slug);
  const row = await em.findOne(Case, {
    number,
    kind: 'INCIDENT',
    lat: { $ne: null },
    lon: { $ne: null },
    // A cancelled report was a mistake or abuse, a merged one lives on as its parent.
    status: { $nin: [...UNPUBLISHED_STATUSES] },
  });
  if (!row) throw new AppError('NOT_FOUND', `No public report ${number}`);
  return row;
}

/** One report's public page: the map's view, the consented description, followers, status changes. */
export async function publicCaseDetail(orm: Orm, slug: string) {
  const em = orm.em.fork();
  const row = await publicCase(em, slug);
  const [events, followers] = await Promise.all([
    em.find(
      CaseEvent,
      { caseId: row.id, isPublic: true, status: { $ne: null } },
      { orderBy: { id: 'asc' }, fields: ['createdAt', 'status'] },
    ),
    em.count(CaseFollower, { caseId: row.id }),
  ]);
  const history: { at: string; status: string }[] = [];
  for (const event of events) {
    // Only changes of status: notes and who acted stay with the parties to the case.
    if (event.status && history[history.length - 1]?.status !== event.status) {
      history.push({ at: event.createdAt.toISOString(), status: event.status });
    }
  }
  const view = publicViewOfStoredCase(row);
  return {
    number: view.number,
    eventCode: view.eventCode,
    status: view.status,
    street: view.street,
    district: view.district,
    lat: view.lat!,
    lon: view.lon!,
    description: view.description,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    followers,
    history,
  };
}
