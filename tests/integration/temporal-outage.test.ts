import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reconcileUnstartedCases } from '../../services/cases/reconcile-unstarted-cases';
import { caseSettings } from '../../services/cases/start-case-workflow';
import { locateTemporalCli } from '../../scripts/services/temporal-cli';
import {
  startTemporalDevServer,
  type TemporalDevServerHandle,
} from '../../scripts/services/temporal-dev-server';
import { searchAttributes } from '../../workflows/search-attributes';
import { freePort } from '../support/free-port';
import { outageReport, pauseBetweenAttempts } from '../support/outage';
import {
  caseIdOfNumber,
  eventually,
  integrationConfig,
  startTestApp,
  type TestApp,
} from '../support/integration';

/**
 * What residents and staff get while Temporal is away, on the real components: a Temporal dev
 * server of this file's own (the run's shared one serves every other file), stopped for real for
 * OUTAGE_MS, then started again on the same data (its SQLite file).
 */
const OUTAGE_MS = 30_000;

describe('Temporal unreachable while cases arrive', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-outage-temporal-'));
  let port: number;
  let temporal: TemporalDevServerHandle;
  let fixture: TestApp;

  async function startTemporal(): Promise<TemporalDevServerHandle> {
    const config = integrationConfig();
    const source = await locateTemporalCli({
      cliPath: config.temporal.cliPath,
      cacheDir: config.temporal.cacheDir,
      log: () => undefined,
    });
    return startTemporalDevServer({
      source,
      namespace: config.temporal.namespace,
      port,
      dbFile: path.join(dataDir, 'temporal.db'),
      searchAttributes,
    });
  }

  beforeAll(async () => {
    port = await freePort();
    temporal = await startTemporal();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { TEMPORAL_ADDRESS: temporal.address },
    });
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
    await temporal?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps accepting cases, refuses staff actions with 503, and starts every workflow once it is back', async () => {
    const { app, orm, config } = fixture;
    const clerk = await fixture.authorization('clerk');
    const before = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: outageReport('Latarnia nie świeci (przed awarią Temporala)'),
    });
    expect(before.statusCode).toBe(201);
    const beforeNumber = before.json<{ number: string }>().number;
    const beforeCase = { number: beforeNumber, id: await caseIdOfNumber(orm, beforeNumber) };
    await eventually(
      async () => {
        const [row] = await orm.em
          .fork()
          .getConnection()
          .execute<{ status: string }[]>('select status from cases where id = ?', [beforeCase.id]);
        return row.status === 'FORWARDED';
      },
      { timeoutMs: 60_000, what: 'the first case forwarded' },
    );

    await temporal.stop();
    const stoppedAt = Date.now();
    // A clerk's action waits out the client's own retries (about 20 s), then is refused clearly.
    const refusedAction = app.inject({
      method: 'POST',
      url: `/api/cases/${beforeCase.id}/actions/comment`,
      headers: { authorization: clerk },
      payload: { note: 'Notatka w czasie awarii' },
    });
    const accepted: string[] = [];
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      const during = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: outageReport(`Latarnia nie świeci (w czasie awarii Temporala, ${accepted.length + 1})`),
      });
      // The case is stored: the resident has a number and the reconciler starts it later.
      expect(during.statusCode).toBe(201);
      accepted.push(await caseIdOfNumber(orm, during.json<{ number: string }>().number));

      const ready = await app.inject('/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ missing: ['temporal'] });
      await pauseBetweenAttempts(3_000);
    }
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    const refused = await refusedAction;
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.json()).toMatchObject({
      dependency: 'temporal',
      message: expect.stringMatching(/Temporal/),
    });

    temporal = await startTemporal();
    await eventually(async () => (await app.inject('/ready')).statusCode === 200, {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: 'ready again',
    });
    // What the worker's reconciler does on its round.
    await eventually(
      async () => {
        await reconcileUnstartedCases(
          {
            orm,
            temporal: fixture.temporal,
            taskQueue: config.temporal.taskQueue,
            settings: caseSettings(config),
          },
          0,
        );
        const rows = await orm.em
          .fork()
          .getConnection()
          .execute<{ status: string }[]>(
            `select status from cases where id in (${accepted.map(() => '?').join(', ')})`,
            accepted,
          );
        return rows.length === accepted.length && rows.every((row) => row.status === 'FORWARDED');
      },
      { timeoutMs: 120_000, intervalMs: 2_000, what: 'every case accepted during the outage forwarded' },
    );
    // The refused action works once Temporal is back; the first case kept its state.
    const action = await app.inject({
      method: 'POST',
      url: `/api/cases/${beforeCase.id}/actions/comment`,
      headers: { authorization: clerk },
      payload: { note: 'Notatka po awarii' },
    });
    expect(action.statusCode).toBeLessThan(300);
  }, 240_000);
});
