import { performance } from 'node:perf_hooks';
import { buildApp } from '../api/app';
import { loadConfig } from '../config/config';
import { createOrm } from '../db/orm';

/**
 * Latency of the public open-data export on a filled database (bench/seed-cases.ts): the first
 * and a deep JSON page of a year, a district's month, and the whole CSV of a month, through the
 * real API (inject), printed as median and p95 in milliseconds with the bytes sent.
 * Usage: DATABASE_URL=... npx tsx bench/open-data.ts [runs]
 */
async function main(): Promise<void> {
  // A developer's bench database: an unset NODE_ENV means development here, not production.
  const config = loadConfig({
    NODE_ENV: 'development',
    ...process.env,
    LOG_LEVEL: 'silent',
    TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
  });
  if (!config.database.url) throw new Error('Set DATABASE_URL to the database bench/seed-cases.ts filled.');
  const runs = Number(process.argv[2] ?? 20);
  const orm = createOrm(config.database.url);
  const [range] = await orm.em
    .fork()
    .execute<{ n: string; last: Date }[]>(
      `select reltuples::bigint as n, (select max(created_at) from cases) as last from pg_class where relname = 'cases'`,
    );
  await orm.close();
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const last = new Date(range.last);
  const yearAgo = new Date(last.getTime() - 364 * 86_400_000);
  const monthAgo = new Date(last.getTime() - 30 * 86_400_000);
  const year = `from=${day(yearAgo)}&to=${day(last)}`;
  const month = `from=${day(monthAgo)}&to=${day(last)}`;
  const app = await buildApp(config);
  try {
    const first = await app.inject(`/api/v1/open-data/notifications?${year}&pageSize=1000`);
    if (first.statusCode !== 200) throw new Error(`${first.statusCode} ${first.body}`);
    const total = first.json<{ total: number }>().total;
    const deepPage = Math.max(1, Math.floor(total / 1000));
    console.log(
      `cases in the database (planner estimate): ${Number(range.n).toLocaleString('en')}; a year of them: ${total.toLocaleString('en')}; ${runs} runs each`,
    );
    // The `next` link of the page before the deep one: how a client walking the pages gets there.
    const before = await app.inject(
      `/api/v1/open-data/notifications?${year}&pageSize=1000&page=${Math.max(1, deepPage - 1)}`,
    );
    const followed = new URL(before.json<{ next: string }>().next);
    const scenarios: [string, string][] = [
      ['JSON, a year, first page of 1000', `/api/v1/open-data/notifications?${year}&pageSize=1000`],
      [`JSON, a year, page ${deepPage} by its next link`, `${followed.pathname}${followed.search}`],
      [
        `JSON, a year, page ${deepPage} of 1000`,
        `/api/v1/open-data/notifications?${year}&pageSize=1000&page=${deepPage}`,
      ],
      [
        'JSON, Mokotów, a month, first page of 100',
        `/api/v1/open-data/notifications?${month}&district=Mokot%C3%B3w`,
      ],
      ['CSV, a month, whole', `/api/v1/open-data/notifications.csv?${month}`],
    ];
    for (const [name, url] of scenarios) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs + 2; i += 1) {
        const started = performance.now();
        const response = await app.inject(url);
        const elapsed = performance.now() - started;
        if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
        bytes = response.rawPayload.length;
        if (i >= 2) times.push(elapsed); // the first runs warm caches and the JIT
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const p95 = times[Math.floor(times.length * 0.95)];
      console.log(
        `${name.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   ${(bytes / 1024).toFixed(0)} kB`,
      );
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
