import type { RatingFigures, Ratings } from './figures';
import { nullsLast, withinDays, type Sql } from './statistics-sql';

/** Count, mean and the 1–5 distribution of a set of ratings given as counts per score. */
function ratingFigures(countsByScore: Map<number, number>): RatingFigures {
  const distribution = [1, 2, 3, 4, 5].map((score) => ({ score, count: countsByScore.get(score) ?? 0 }));
  const count = distribution.reduce((sum, d) => sum + d.count, 0);
  const sum = distribution.reduce((total, d) => total + d.score * d.count, 0);
  return { count, average: count === 0 ? null : sum / count, distribution };
}

/**
 * Residents' ratings given in the period: overall, per unit and per event. A rating counts for the
 * unit and event its case had when the resident rated it (copied into the rating then).
 */
export async function residentRatings(
  sql: Sql,
  period: { from: string; to: string },
  unitCode: string | null,
): Promise<Ratings> {
  const unit = unitCode ? { sql: ' and r.unit_code = ?', params: [unitCode] } : { sql: '', params: [] };
  const rows = await sql.execute<
    {
      unit_code: string | null;
      unit_name: string | null;
      event_code: string | null;
      score: number;
      n: number;
    }[]
  >(
    `select r.unit_code, u.name as unit_name, r.event_code, r.score, count(*)::int as n
       from case_ratings r left join units u on u.code = r.unit_code
      where ${withinDays('r.rated_at')}${unit.sql}
      group by r.unit_code, u.name, r.event_code, r.score`,
    [period.from, period.to, ...unit.params],
  );
  const add = (counts: Map<number, number>, score: number, n: number) =>
    counts.set(score, (counts.get(score) ?? 0) + n);
  const total = new Map<number, number>();
  const byUnit = new Map<string | null, { name: string | null; counts: Map<number, number> }>();
  const byEvent = new Map<string | null, Map<number, number>>();
  for (const row of rows) {
    add(total, row.score, row.n);
    const ofUnit = byUnit.get(row.unit_code) ?? { name: row.unit_name, counts: new Map() };
    add(ofUnit.counts, row.score, row.n);
    byUnit.set(row.unit_code, ofUnit);
    const ofEvent = byEvent.get(row.event_code) ?? new Map<number, number>();
    add(ofEvent, row.score, row.n);
    byEvent.set(row.event_code, ofEvent);
  }
  return {
    ...period,
    unitCode,
    total: ratingFigures(total),
    units: [...byUnit.entries()]
      .sort((a, b) => nullsLast(a[0], b[0]))
      .map(([code, { name, counts }]) => ({ unitCode: code, unitName: name, ...ratingFigures(counts) })),
    events: [...byEvent.entries()]
      .map(([code, counts]) => ({ eventCode: code, ...ratingFigures(counts) }))
      .sort((a, b) => b.count - a.count || nullsLast(a.eventCode, b.eventCode)),
  };
}
