import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config/config';
import { createOrm, migrate } from '../db/orm';
import { seedReferenceData } from '../db/seed/seed-reference-data';
import { seedDemoUsers } from '../db/seed/seed-demo-data';

/**
 * Fills DATABASE_URL's database with N synthetic cases (default 1,000,000) for the list benchmarks:
 * realistic spread over events, districts, statuses, channels and three years, Polish descriptions.
 * Usage: DATABASE_URL=postgresql://.../civicflow_bench npx tsx bench/seed-cases.ts [N]
 */
async function main(): Promise<void> {
  // A developer's bench database: an unset NODE_ENV means development here, not production.
  const config = loadConfig({ NODE_ENV: 'development', ...process.env });
  if (!config.database.url)
    throw new Error('Set DATABASE_URL to a database you can fill (it is not cleaned up).');
  const total = Number(process.argv[2] ?? 1_000_000);
  const orm = createOrm(config.database.url);
  const em = orm.em.fork();
  try {
    await migrate(orm, (line) => console.log(line));
    await seedReferenceData(orm);
    await seedDemoUsers(orm, config.demo.password);
    const batch = 100_000;
    const started = performance.now();
    for (let offset = 0; offset < total; offset += batch) {
      const size = Math.min(batch, total - offset);
      await em.execute(
        `with events as (select array_agg(code order by code) as codes, array_agg(default_unit order by code) as units from taxonomy_events),
              districts as (select array_agg(name order by name) as names from districts),
              words as (select array['Dziura w jezdni', 'Nieświecąca latarnia', 'Źle zaparkowany samochód', 'Przepełniony kosz',
                'Powalone drzewo', 'Wyciek wody', 'Hałas w nocy', 'Graffiti na ścianie', 'Uszkodzony chodnik', 'Brak wody'] as texts,
                array['Puławska', 'Marszałkowska', 'Grochowska', 'Żelazna', 'Świętokrzyska', 'Wołoska', 'Górczewska', 'Modlińska'] as streets)
         insert into cases (id, number, kind, status, event_code, unit_code, district, channel, priority, description,
           lat, lon, street, building, sla_state, created_at, updated_at, workflow_started_at)
         select gen_random_uuid(), lpad((? + g)::text, 7, '0') || '/B',
           'INCIDENT',
           (array['FORWARDED','IN_PROGRESS','RESOLVED','CLOSED','CLOSED','CLOSED','TRIAGE','WAITING_FOR_RESIDENT'])[1 + (g % 8)],
           e.codes[1 + (g % array_length(e.codes, 1))],
           case when e.units[1 + (g % array_length(e.units, 1))] = 'UD' then null else e.units[1 + (g % array_length(e.units, 1))] end,
           d.names[1 + ((g / 7) % array_length(d.names, 1))],
           (array['PHONE','PHONE','PORTAL','MOBILE','MOBILE','EMAIL','CHAT','OPEN311'])[1 + ((g / 3) % 8)],
           'normal',
           w.texts[1 + (g % 10)] || ' przy ulicy ' || w.streets[1 + ((g / 11) % 8)] || ', zgłoszenie ' || g,
           52.1 + random() * 0.25, 20.85 + random() * 0.35,
           w.streets[1 + ((g / 11) % 8)], (1 + g % 200)::text,
           (array['ON_TRACK','ON_TRACK','AT_RISK','BREACHED','MET'])[1 + (g % 5)],
           now() - make_interval(secs => (? + g) * 95), now(), now()
         from generate_series(1, ?) as g, events e, districts d, words w`,
        [offset, total - offset, size],
      );
      console.log(
        `inserted ${offset + size} / ${total} cases (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
    await em.execute('analyze cases');
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
