import { performance } from 'node:perf_hooks';
import { buildApp } from '../api/app';
import { loadConfig } from '../config/config';
import { createOrm } from '../db/orm';

/**
 * Latency of the back office's case list on a filled database (bench/seed-cases.ts): the default
 * list, a filtered list and a text search, through the real API (inject), printed as median and
 * p95 in milliseconds. Usage: DATABASE_URL=... npx tsx bench/case-list.ts [runs]
 */
async function main(): Promise<void> {
  // A developer's bench database: an unset NODE_ENV means development here, not production.
  const config = loadConfig({ NODE_ENV: 'development', ...process.env, LOG_LEVEL: 'silent' });
  if (!config.database.url) throw new Error('Set DATABASE_URL to the database bench/seed-cases.ts filled.');
  const runs = Number(process.argv[2] ?? 50);
  const app = await buildApp(config);
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk', password: config.demo.password },
    });
    if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.body}`);
    const authorization = `Bearer ${login.json<{ token: string }>().token}`;
    const list = (filter: Record<string, unknown>) =>
      `/api/cases?sort=${encodeURIComponent('["createdAt","DESC"]')}&range=${encodeURIComponent('[0,24]')}&filter=${encodeURIComponent(JSON.stringify(filter))}`;
    const scenarios: [string, string][] = [
      ['default list (newest 25)', list({})],
      ['filtered (status FORWARDED, district Mokotów)', list({ status: 'FORWARDED', district: 'Mokotów' })],
      ['filtered (unit ZDM, SLA breached)', list({ unitCode: 'ZDM', slaState: 'BREACHED' })],
      ['text search "zoliborz latarnia"', list({ q: 'zoliborz latarnia' })],
      ['text search "dziura pulawska"', list({ q: 'dziura pulawska' })],
    ];
    const orm = createOrm(config.database.url);
    const [{ n }] = await orm.em
      .fork()
      .execute<{ n: string }[]>(`select reltuples::bigint as n from pg_class where relname = 'cases'`);
    await orm.close();
    console.log(
      `cases in the database (planner estimate): ${Number(n).toLocaleString('en')}; ${runs} runs each`,
    );
    for (const [name, url] of scenarios) {
      const times: number[] = [];
      let total = '';
      for (let i = 0; i < runs + 3; i += 1) {
        const started = performance.now();
        const response = await app.inject({ method: 'GET', url, headers: { authorization } });
        const elapsed = performance.now() - started;
        if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
        total = String(response.headers['content-range']);
        if (i >= 3) times.push(elapsed); // the first runs warm caches and the JIT
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const p95 = times[Math.floor(times.length * 0.95)];
      console.log(
        `${name.padEnd(48)} median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   (${total})`,
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
