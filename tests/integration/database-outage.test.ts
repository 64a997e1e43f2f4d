import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createOrm, migrate } from '../../db/orm';
import { seedReferenceData } from '../../db/seed/seed-reference-data';
import { spawnEmbeddedPostgres } from '../support/embedded-postgres-process';
import { freePort } from '../support/free-port';
import { outageReport, pauseBetweenAttempts } from '../support/outage';
import { eventually, startTestApp, type TestApp } from '../support/integration';

/**
 * What residents and staff get while PostgreSQL is away, on the real components: a PostgreSQL
 * server of this file's own (the run's shared one serves every other file), stopped for real for
 * OUTAGE_MS, then started again on the same data.
 */
const OUTAGE_MS = 30_000;

describe('PostgreSQL stopped while cases arrive', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-outage-pg-'));
  let port: number;
  let postgres: Awaited<ReturnType<typeof spawnEmbeddedPostgres>>;
  let fixture: TestApp;

  beforeAll(async () => {
    fs.chmodSync(dataDir, 0o755);
    port = await freePort();
    postgres = await spawnEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      port,
      database: 'civicflow',
    });
    const orm = createOrm(postgres.url);
    try {
      await migrate(orm);
      await seedReferenceData(orm);
    } finally {
      await orm.close();
    }
    fixture = await startTestApp({ worker: true, config: { DATABASE_URL: postgres.url } });
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
    await postgres?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After meanwhile, and every case accepted before or after is there once and forwarded', async () => {
    const { app } = fixture;
    const before = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: outageReport('Latarnia nie świeci (przed awarią bazy)'),
    });
    expect(before.statusCode).toBe(201);

    // Straight away, while the workflow of the first case is still classifying and routing it.
    await postgres.stop();
    const stoppedAt = Date.now();
    const key = randomUUID();
    const attempts: { status: number; retryAfter?: string; body: string }[] = [];
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      const during = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { 'idempotency-key': key },
        payload: outageReport('Latarnia nie świeci (w czasie awarii bazy)'),
      });
      attempts.push({
        status: during.statusCode,
        retryAfter: during.headers['retry-after'] as string | undefined,
        body: during.body,
      });
      const ready = await app.inject('/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ missing: ['postgres'] });
      // A reading route fails the same clear way.
      const reading = await app.inject('/api/v1/public/cases');
      expect(reading.statusCode).toBe(503);
      await pauseBetweenAttempts(5_000);
    }
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      expect(JSON.parse(attempt.body).message).toMatch(/database/i);
    }

    postgres = await spawnEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      port,
      database: 'civicflow',
    });
    // The resident's app retries the refused report with the same key, once it is answered.
    const retried = await eventually(
      async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: { 'idempotency-key': key },
          payload: outageReport('Latarnia nie świeci (w czasie awarii bazy)'),
        });
        return response.statusCode === 201 ? response : null;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the API answering again' },
    );
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { 'idempotency-key': key },
      payload: outageReport('Latarnia nie świeci (w czasie awarii bazy)'),
    });
    expect(again.json().number).toBe(retried.json().number);
    const after = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: outageReport('Latarnia nie świeci (po awarii bazy)'),
    });
    expect(after.statusCode).toBe(201);

    const numbers = [before, retried, after].map((r) => r.json<{ number: string }>().number);
    const db = () => fixture.orm.em.fork().getConnection();
    // The workers retried what the outage interrupted: every case reaches its unit. Activities
    // back off up to a minute between attempts and may have one stuck for its 30 s timeout on a
    // dead connection, so on a loaded machine this takes minutes, not seconds.
    await eventually(
      async () => {
        const rows = await db().execute<{ number: string; status: string }[]>(
          'select number, status from cases where number in (?, ?, ?)',
          numbers,
        );
        if (rows.length === 3 && rows.every((row) => row.status === 'FORWARDED')) return true;
        // Thrown rather than returned, so a timeout names where each case stands.
        throw new Error(rows.map((row) => `${row.number} ${row.status}`).join(', ') || 'no cases');
      },
      { timeoutMs: 240_000, intervalMs: 1_000, what: 'all three cases forwarded' },
    );
    // Nothing half-written and nothing twice: exactly the three accepted cases exist.
    const [{ count }] = await db().execute<{ count: string }[]>('select count(*) from cases');
    expect(Number(count)).toBe(3);
    const ready = await app.inject('/ready');
    expect(ready.statusCode).toBe(200);
  }, 420_000);
});
