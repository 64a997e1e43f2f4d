import { Case } from '../../db/entities';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { reconcileUnstartedCases } from '../../services/cases/reconcile-unstarted-cases';
import { caseSettings } from '../../services/cases/start-case-workflow';
import { freePort } from '../support/free-port';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

/**
 * An accepted case is never lost: with Temporal unreachable the API still answers 201 with the
 * number (the case is committed), and the worker's reconciler starts its workflow once Temporal
 * answers again.
 */
describe('intake while Temporal is down', () => {
  // Two fixtures on one database and one task queue: the API that takes the case has no Temporal
  // server to reach, the worker and the reconciler have the run's.
  let up: TestApp;
  let down: TestApp;

  beforeAll(async () => {
    up = await startTestApp({ worker: true });
    down = await startTestApp({
      config: {
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
        TEMPORAL_TASK_QUEUE: up.config.temporal.taskQueue,
      },
    });
  });
  afterAll(async () => {
    await down?.close();
    await up?.close();
  });

  it('accepts the case, and the reconciler starts its workflow later', async () => {
    const { orm, temporal, config } = up;
    const response = await down.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'TRAFFIC_LIGHT',
        description: 'Sygnalizacja nie działa',
        district: 'Praga-Północ',
      },
    });
    expect(response.statusCode).toBe(201);
    const answer = response.json<{ number: string; trackingToken: string }>();
    const filed = { ...answer, id: await caseIdOfNumber(orm, answer.number) };
    const stored = await orm.em.fork().findOneOrFail(Case, { id: filed.id });
    expect(stored.workflowStartedAt).toBeNull();
    const tracked = await down.app.inject(
      `/api/v1/cases/${caseNumberToSlug(filed.number)}?token=${filed.trackingToken}`,
    );
    expect(tracked.json()).toMatchObject({ status: 'NEW' });

    const started = await reconcileUnstartedCases(
      { orm, temporal, taskQueue: config.temporal.taskQueue, settings: caseSettings(config) },
      0,
    );
    expect(started).toBeGreaterThanOrEqual(1);
    await eventually(
      async () => (await orm.em.fork().findOneOrFail(Case, { id: filed.id })).status === 'FORWARDED',
      {
        what: 'the reconciled case to be forwarded',
      },
    );
    const again = await orm.em.fork().findOneOrFail(Case, { id: filed.id });
    expect(again.workflowStartedAt).toBeInstanceOf(Date);
    expect(again.unitCode).toBe('ZDM');
  });
});
