import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import globalSetup, { stopRunServices } from '../tests/support/global-setup';
import { startTestApp, type TestApp } from '../tests/support/integration';

/**
 * Deadlines under load (issue 18): N cases whose resolution deadlines fall within about one minute,
 * while intake goes on at R cases/s, against the baseline of bare Temporal timers due at the same
 * instants on the same server in the same run. Prints the lateness (due time -> breach recorded /
 * timer handled) p50, p95, p99 and max of both, and their ratio.
 *
 * Starts its own PostgreSQL and Temporal dev server as the tests do (DATABASE_URL /
 * TEMPORAL_ADDRESS to use existing ones).
 * Usage: npx tsx bench/sla-timers.ts [cases=500] [intakePerSecond=5] [resolutionMinutes=3]
 */
const CASES = Number(process.argv[2] ?? 500);
const INTAKE_PER_SECOND = Number(process.argv[3] ?? 5);
const RESOLUTION_MINUTES = Number(process.argv[4] ?? 3);
const BASELINE_QUEUE = `sla-timer-baseline-${randomBytes(3).toString('hex')}`;

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

async function setUpProbeEvents(fixture: TestApp, tag: string): Promise<{ due: string; background: string }> {
  const db = fixture.orm.em.fork();
  const [due, background] = [`DUE${tag}`, `BG${tag}`];
  for (const [code, minutes] of [
    [due, RESOLUTION_MINUTES],
    [background, 60 * 24],
  ] as const) {
    await db.execute(
      `insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority, resolution_hours)
       values (?, 'ORDER', ?, ?, 'SM', 'normal', 1)`,
      [code, `Bench ${code}`, `Bench ${code}`],
    );
    await db.execute(`insert into routing_rules (event_code, unit_code) values (?, 'SM')`, [code]);
    // Always-on calendar, one threshold at 100%: the breach is recorded at the resolution deadline.
    await db.execute(
      `insert into sla_policies (name, event_code, first_response_minutes, resolution_minutes, calendar,
         warn_at_percent, escalation_percents) values (?, ?, ?, ?, 'ALWAYS', 99, '[100]')`,
      [`Bench ${code}`, code, minutes, minutes],
    );
  }
  return { due, background };
}

async function file(fixture: TestApp, eventCode: string): Promise<void> {
  const response = await fixture.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    payload: { kind: 'INCIDENT', eventCode, description: `Pomiar terminów ${eventCode}`, district: 'Wola' },
  });
  if (response.statusCode !== 201)
    throw new Error(`intake answered ${response.statusCode}: ${response.body}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  await globalSetup();
  const fixture = await startTestApp({ worker: true });
  // The baseline talks to the same server without civicflow's payload codec: its own client and worker.
  const connection = await Connection.connect({ address: fixture.config.temporal.address! });
  const baseline = new Client({ connection, namespace: fixture.config.temporal.namespace });
  const nativeConnection = await NativeConnection.connect({ address: fixture.config.temporal.address! });
  const probeWorker = await Worker.create({
    connection: nativeConnection,
    namespace: fixture.config.temporal.namespace,
    taskQueue: BASELINE_QUEUE,
    workflowsPath: require.resolve('./support/timer-probe.workflow'),
  });
  const probeRunning = probeWorker.run();
  try {
    const tag = randomBytes(3).toString('hex').toUpperCase();
    const events = await setUpProbeEvents(fixture, tag);
    console.log(
      `${CASES} cases due ${RESOLUTION_MINUTES} min after acceptance, intake going on at ${INTAKE_PER_SECOND}/s; ` +
        `baseline: a bare Temporal timer due at each case's deadline`,
    );

    // Background intake from now until every deadline has been handled.
    let stopIntake = false;
    let background = 0;
    const intake = (async () => {
      while (!stopIntake) {
        const tick = Date.now();
        await Promise.all(
          Array.from({ length: INTAKE_PER_SECOND }, () =>
            file(fixture, events.background).then(() => background++),
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - tick))));
      }
    })();

    // The cases due together, filed as fast as intake takes them (8 at a time).
    const filingStarted = Date.now();
    let filed = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (filed < CASES) {
          filed += 1;
          await file(fixture, events.due);
        }
      }),
    );
    const filingSeconds = (Date.now() - filingStarted) / 1000;
    console.log(`filed ${CASES} in ${filingSeconds.toFixed(1)} s; waiting for their deadlines`);

    // Each case's deadline, once its workflow has routed it; a baseline timer for the same instant.
    const db = () => fixture.orm.em.fork();
    const dueOf = async () =>
      db().execute<{ id: string; due: Date | string | null }[]>(
        `select id, resolution_due_at as due from cases where event_code = ?`,
        [events.due],
      );
    const probes = new Map<string, Promise<number>>();
    const probeDue = new Map<string, number>();
    for (;;) {
      for (const row of await dueOf()) {
        if (!row.due || probes.has(row.id)) continue;
        const dueAt = new Date(row.due).getTime();
        probeDue.set(row.id, dueAt);
        const handle = await baseline.workflow.start('timerProbe', {
          workflowId: `timer-probe-${row.id}`,
          taskQueue: BASELINE_QUEUE,
          args: [dueAt],
        });
        probes.set(row.id, handle.result());
      }
      if (probes.size === CASES) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const lastDue = Math.max(...probeDue.values());
    console.log(
      `deadlines from ${new Date(Math.min(...probeDue.values())).toISOString()} to ${new Date(lastDue).toISOString()}`,
    );

    let breaches: { id: string; due: Date | string; at: Date | string }[] = [];
    for (;;) {
      breaches = await db().execute(
        `select c.id, c.resolution_due_at as due, min(e.created_at) as at
           from cases c join case_events e on e.case_id = c.id and e.type = 'SLA_BREACHED'
          where c.event_code = ? group by c.id, c.resolution_due_at`,
        [events.due],
      );
      if (breaches.length === CASES) break;
      if (Date.now() > lastDue + 10 * 60_000)
        throw new Error(`only ${breaches.length} of ${CASES} breaches recorded`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const handled = await Promise.all(
      [...probes].map(async ([id, result]) => (await result) - probeDue.get(id)!),
    );
    stopIntake = true;
    await intake;

    const civicflow = breaches
      .map((b) => new Date(b.at).getTime() - new Date(b.due).getTime())
      .sort((a, b) => a - b);
    const bare = handled.sort((a, b) => a - b);
    const row = (name: string, p: number) => {
      const [base, ours] = [percentile(bare, p), percentile(civicflow, p)];
      console.log(
        `| ${name.padEnd(9)} | ${(base / 1000).toFixed(2).padStart(8)} s | ${(ours / 1000).toFixed(2).padStart(8)} s | ${(ours / Math.max(base, 1)).toFixed(1).padStart(6)} |`,
      );
    };
    console.log(
      '\nlateness: due time -> handled (baseline: timer handled by its workflow; civicflow: SLA_BREACHED recorded)',
    );
    console.log('| lateness  | baseline   | civicflow  | ratio  |');
    console.log('| --------- | ---------- | ---------- | ------ |');
    row('p50', 50);
    row('p95', 95);
    row('p99', 99);
    row('max', 100);
    console.log(
      `\n${background} background cases filed meanwhile; goal (issue 18): civicflow p99 <= 5 s. ` +
        `${((Date.now() - started) / 1000).toFixed(0)} s with set-up`,
    );
  } finally {
    probeWorker.shutdown();
    await probeRunning;
    await nativeConnection.close();
    await connection.close();
    await fixture.close();
    await stopRunServices();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
