import type { EntityManager } from '@mikro-orm/postgresql';
import { OPEN_STATUSES } from '../../domain/cases/case-states';
import { PUBLIC_COORDINATE_SCALE } from '../../domain/cases/public-view';

export interface NearbyOpenCasesSearch {
  eventCode: string;
  lat: number;
  lon: number;
  radiusMeters: number;
  /** Only cases filed within this many days; null for any age. */
  windowDays: number | null;
  /** The case looking for its duplicates, which must not find itself. */
  excludeCaseId?: string | null;
  limit: number;
  /**
   * Measure from the positions the public sees (rounded, domain/cases/public-view.ts), and return
   * those: a public answer must not reveal more of a position than the map shows.
   */
  fromPublishedPositions?: boolean;
}

export interface NearbyOpenCase {
  id: string;
  number: string;
  eventCode: string;
  status: string;
  lat: number;
  lon: number;
  street: string | null;
  district: string | null;
  createdAt: Date;
  /** Great-circle distance from the searched point. */
  meters: number;
}

/**
 * Open cases of one event within a radius of a point, nearest first. Shared by the workflow's
 * duplicate check (which proposes the nearest as a parent to a clerk) and the portal's "is this
 * your problem?", so both agree on what counts as the same problem nearby.
 */
export async function findNearbyOpenCases(
  em: EntityManager,
  search: NearbyOpenCasesSearch,
): Promise<NearbyOpenCase[]> {
  // Rounding moves a position by up to half a step: the box grows by a step so none is missed.
  const margin = search.fromPublishedPositions ? 1 / PUBLIC_COORDINATE_SCALE : 0;
  const latDelta = search.radiusMeters / 111_000 + margin;
  // Clamped so a search near a pole cannot divide by zero; cities are far from both.
  const lonDelta =
    search.radiusMeters / (111_000 * Math.max(0.01, Math.cos((search.lat * Math.PI) / 180))) + margin;
  const scale = search.fromPublishedPositions ? PUBLIC_COORDINATE_SCALE : null;
  const rows = await em.execute<
    {
      id: string;
      number: string;
      event_code: string;
      status: string;
      lat: number;
      lon: number;
      street: string | null;
      district: string | null;
      created_at: string | Date;
      meters: number;
    }[]
  >(
    `select * from (
       select c.id, c.number, c.event_code, c.status, p.lat, p.lon, c.street, c.district, c.created_at,
         2 * 6371000 * asin(sqrt(
           power(sin(radians(p.lat - ?) / 2), 2) +
           cos(radians(?)) * cos(radians(p.lat)) * power(sin(radians(p.lon - ?) / 2), 2))) as meters
       from cases c
       -- The same rounding as publicCoordinate, in doubles, when measuring from published positions.
       cross join lateral (
         select coalesce(floor(c.lat * ?::float8 + 0.5) / ?::float8, c.lat) as lat,
                coalesce(floor(c.lon * ?::float8 + 0.5) / ?::float8, c.lon) as lon
       ) p
       where c.event_code = ? and c.id is distinct from ?::uuid and c.lat is not null and c.lon is not null
         and c.status in (${OPEN_STATUSES.map(() => '?').join(', ')})
         and (?::float8 is null or c.created_at > now() - ?::float8 * interval '1 day')
         and c.lat between ? and ? and c.lon between ? and ?
     ) near
     where meters <= ?
     order by meters asc, created_at asc
     limit ?`,
    [
      search.lat,
      search.lat,
      search.lon,
      scale,
      scale,
      scale,
      scale,
      search.eventCode,
      search.excludeCaseId ?? null,
      ...OPEN_STATUSES,
      search.windowDays,
      search.windowDays,
      // A bounding box first, so the index on (event_code, created_at) and a cheap filter do the work.
      search.lat - latDelta,
      search.lat + latDelta,
      search.lon - lonDelta,
      search.lon + lonDelta,
      search.radiusMeters,
      search.limit,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    eventCode: r.event_code,
    status: r.status,
    lat: Number(r.lat),
    lon: Number(r.lon),
    street: r.street,
    district: r.district,
    createdAt: new Date(r.created_at),
    meters: Number(r.meters),
  }));
}
