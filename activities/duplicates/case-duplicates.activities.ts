import type { Orm } from '../../db/orm';

export interface DuplicateSearch {
  caseId: string;
  eventCode: string | null;
  lat: number | null;
  lon: number | null;
  radiusMeters: number;
  windowDays: number;
}

export function createCaseDuplicatesActivities({ orm }: { orm: Orm }) {
  return {
    /**
     * The nearest open case of the same event within the radius and time window, proposed to a
     * clerk as the parent; nothing is merged without the clerk. Distances are great-circle metres.
     */
    async findDuplicateCandidate(
      input: DuplicateSearch,
    ): Promise<{ caseId: string; number: string; meters: number } | null> {
      if (!input.eventCode || input.lat === null || input.lon === null) return null;
      const rows = await orm.em.fork().execute<{ id: string; number: string; meters: number }[]>(
        `select id, number, meters from (
           select c.id, c.number,
             2 * 6371000 * asin(sqrt(
               power(sin(radians(c.lat - ?) / 2), 2) +
               cos(radians(?)) * cos(radians(c.lat)) * power(sin(radians(c.lon - ?) / 2), 2))) as meters
           from cases c
           where c.event_code = ? and c.id <> ? and c.lat is not null
             and c.status not in ('CLOSED', 'CANCELLED', 'MERGED', 'RESOLVED', 'ANSWERED')
             and c.created_at > now() - make_interval(days => ?)
             and c.lat between ? and ?
         ) near
         where meters <= ?
         order by meters asc
         limit 1`,
        [
          input.lat,
          input.lat,
          input.lon,
          input.eventCode,
          input.caseId,
          input.windowDays,
          // A bounding box first, so the index on (event_code, created_at) and a cheap filter do the work.
          input.lat - input.radiusMeters / 111_000,
          input.lat + input.radiusMeters / 111_000,
          input.radiusMeters,
        ],
      );
      const row = rows[0];
      return row ? { caseId: row.id, number: row.number, meters: Number(row.meters) } : null;
    },
  };
}
