import type { Orm } from '../../db/orm';
import { findNearbyOpenCases } from './nearby-open-cases';

export interface DuplicateSearch {
  caseId: string;
  eventCode: string | null;
  lat: number | null;
  lon: number | null;
  radiusMeters: number;
  windowDays: number;
}

export interface DuplicateCandidate {
  caseId: string;
  number: string;
  meters: number;
}

/**
 * The nearest open case of the same event within the radius and time window, proposed to a
 * clerk as the parent; nothing is merged without the clerk. Distances are great-circle metres.
 */
export async function findDuplicateCandidate(
  orm: Orm,
  input: DuplicateSearch,
): Promise<DuplicateCandidate | null> {
  if (!input.eventCode || input.lat === null || input.lon === null) return null;
  const [nearest] = await findNearbyOpenCases(orm.em.fork(), {
    eventCode: input.eventCode,
    lat: input.lat,
    lon: input.lon,
    radiusMeters: input.radiusMeters,
    windowDays: input.windowDays,
    excludeCaseId: input.caseId,
    limit: 1,
  });
  return nearest ? { caseId: nearest.id, number: nearest.number, meters: nearest.meters } : null;
}
