import type { Sql } from './statistics-sql';

/** Names of units and events by code, in both languages: CSV files name them, not their codes. */
export interface ReferenceNames {
  units: Map<string, { pl: string; en: string }>;
  events: Map<string, { pl: string; en: string }>;
}

export async function referenceNames(sql: Sql): Promise<ReferenceNames> {
  const rows = await sql.execute<{ table: 'unit' | 'event'; code: string; name: string; name_en: string }[]>(
    `select 'unit' as "table", code, name, name_en from units
     union all
     select 'event', code, name, name_en from taxonomy_events`,
    [],
  );
  const names: ReferenceNames = { units: new Map(), events: new Map() };
  for (const row of rows) {
    (row.table === 'unit' ? names.units : names.events).set(row.code, { pl: row.name, en: row.name_en });
  }
  return names;
}
