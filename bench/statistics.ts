import { performance } from 'node:perf_hooks';
import { buildApp } from '../api/app';
import { loadConfig } from '../config/config';
import { createOrm, type Orm } from '../db/orm';

/**
 * Latency of the managers' statistics on a filled database (bench/seed-cases.ts), through the real
 * API (inject), printed as median and p95 in milliseconds, and the first (cold) request. The case seed writes no events and no
 * resolution times; `--prepare` adds them once (an event trail per case: CREATED, ROUTED, SLA
 * warnings and breaches, RESOLVED), so breaches and on-time rates have something to count.
 * Usage: DATABASE_URL=... npx tsx bench/statistics.ts [--prepare] [runs]
 */
async function main(): Promise<void> {
  // A developer's bench database: an unset NODE_ENV means development here, not production.
  const config = loadConfig({ NODE_ENV: 'development', ...process.env, LOG_LEVEL: 'silent' });
  if (!config.database.url) throw new Error('Set DATABASE_URL to the database bench/seed-cases.ts filled.');
  const args = process.argv.slice(2);
  const runs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 30);
  const orm = createOrm(config.database.url);
  try {
    if (args.includes('--prepare')) await prepare(orm);
    const [{ cases, events }] = await orm.em.fork().execute<{ cases: string; events: string }[]>(
      `select (select reltuples::bigint from pg_class where relname = 'cases') as cases,
              (select reltuples::bigint from pg_class where relname = 'case_events') as events`,
    );
    console.log(
      `cases ${Number(cases).toLocaleString('en')}, case events ${Number(events).toLocaleString('en')} (planner estimates); ${runs} runs each`,
    );
  } finally {
    await orm.close();
  }

  const app = await buildApp(config);
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'manager', password: config.demo.password },
    });
    if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.body}`);
    const authorization = `Bearer ${login.json<{ token: string }>().token}`;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const audit = (filter: Record<string, unknown>) =>
      `/api/case-events?sort=${encodeURIComponent('["createdAt","DESC"]')}&range=${encodeURIComponent('[0,24]')}&filter=${encodeURIComponent(JSON.stringify(filter))}`;
    const scenarios: [string, string][] = [
      ['overview (all units)', '/api/statistics/overview'],
      ['overview (unit ZDM)', '/api/statistics/overview?unitCode=ZDM'],
      ['on-time per unit, last 30 days', '/api/statistics/on-time'],
      ['on-time per unit, last 12 months', `/api/statistics/on-time?from=${yearAgo}&to=${today}`],
      ['volumes by channel per day, 30 days', '/api/statistics/volumes?dimension=channel'],
      [
        'volumes by district per week, 12 months',
        `/api/statistics/volumes?dimension=district&bucket=week&from=${yearAgo}&to=${today}`,
      ],
      [
        'volumes by event per month, 12 months',
        `/api/statistics/volumes?dimension=event&bucket=month&from=${yearAgo}&to=${today}`,
      ],
      ['contacts per year, 5 years', '/api/statistics/contacts-per-year'],
      ['contacts per year CSV', '/api/statistics/contacts-per-year.csv'],
      ['audit list (newest 25)', audit({})],
      ['audit list (type SLA_BREACHED)', audit({ type: 'SLA_BREACHED' })],
      ['audit list (actor clerk)', audit({ actor: 'clerk' })],
      ['audit list (one day a year ago)', audit({ createdAt_gte: yearAgo, createdAt_lte: yearAgo })],
    ];
    for (const [name, url] of scenarios) {
      const times: number[] = [];
      let first = 0;
      for (let i = 0; i < runs + 3; i += 1) {
        const started = performance.now();
        const response = await app.inject({ method: 'GET', url, headers: { authorization } });
        const elapsed = performance.now() - started;
        if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
        if (i === 0) first = elapsed;
        if (i >= 3) times.push(elapsed); // the first runs warm caches and the JIT
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const p95 = times[Math.floor(times.length * 0.95)];
      console.log(
        `${name.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   first ${first.toFixed(1).padStart(7)} ms`,
      );
    }
  } finally {
    await app.close();
  }
}

/** Resolution times and event trails for seeded cases that have none (safe to run twice). */
async function prepare(orm: Orm): Promise<void> {
  const em = orm.em.fork();
  const started = performance.now();
  const log = (line: string) =>
    console.log(`${line} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  // The seed gives closed cases any SLA state; a resolved case ends MET or BREACHED.
  await em.execute(
    `update cases set resolved_at = created_at + make_interval(hours => 1 + (abs(hashtext(id::text)) % 200)),
            sla_state = case when sla_state = 'BREACHED' then 'BREACHED' else 'MET' end
      where status in ('RESOLVED', 'CLOSED') and resolved_at is null`,
  );
  log('resolution times set');
  // Open cases with a clock have a deadline, the list of cases at risk is ordered by it.
  await em.execute(
    `update cases set resolution_due_at = created_at + interval '72 hours'
      where sla_state is not null and resolution_due_at is null`,
  );
  log('deadlines set');
  const [{ n }] = await em.execute<{ n: string }[]>(
    `select count(*) as n from case_events where event_key like 'bench-%'`,
  );
  if (Number(n) === 0) {
    const steps: [string, string, string, string][] = [
      // type, actor (SQL), which cases, when
      ['CREATED', `'channel:' || c.channel`, 'true', 'c.created_at'],
      ['ROUTED', `'system'`, 'c.unit_code is not null', `c.created_at + interval '2 seconds'`],
      [
        'ACCEPTED',
        `'user:clerk'`,
        `c.status in ('IN_PROGRESS', 'RESOLVED', 'CLOSED')`,
        `c.created_at + interval '3 hours'`,
      ],
      [
        'SLA_AT_RISK',
        `'system'`,
        `c.sla_state in ('AT_RISK', 'BREACHED')`,
        `c.created_at + interval '54 hours'`,
      ],
      ['SLA_BREACHED', `'system'`, `c.sla_state = 'BREACHED'`, `c.created_at + interval '72 hours'`],
      [
        'SLA_ESCALATED',
        `'system'`,
        `c.sla_state = 'BREACHED' and c.status not in ('RESOLVED', 'CLOSED')`,
        `c.created_at + interval '108 hours'`,
      ],
      ['RESOLVED', `'user:zdm'`, 'c.resolved_at is not null', 'c.resolved_at'],
    ];
    // One insert in time order, so event ids grow with time as they do in a running city.
    const trail = steps
      .map(
        ([type, actor, which, at]) =>
          `select c.id as case_id, '${type}' as type, ${actor} as actor, c.status, least(${at}, now()) as at
             from cases c where ${which}`,
      )
      .join(' union all ');
    await em.execute(
      `insert into case_events (case_id, event_key, type, actor, actor_role, status, is_public, created_at)
       select case_id, 'bench-' || lower(type), type, actor,
              case when actor like 'user:%' then 'CLERK' when actor like 'channel:%' then null else 'SYSTEM' end,
              status, true, at
         from (${trail}) trail order by at
       on conflict do nothing`,
    );
    log('event trails written');
  }
  await em.execute('analyze cases');
  await em.execute('analyze case_events');
  log('analyzed');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
