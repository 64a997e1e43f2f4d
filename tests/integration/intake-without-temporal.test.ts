import { buildApp } from '../../api/app';
import { Case } from '../../db/entities';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { reconcileUnstartedCases } from '../../intake/reconcile-unstarted-cases';
import { caseSettings } from '../../intake/start-case-workflow';
import { createTemporalClient } from '../../intake/temporal-client';
import { freePort } from '../support/free-port';
import { eventually, integrationConfig, integrationOrm, startTestWorker } from '../support/integration';

/**
 * An accepted case is never lost: with Temporal unreachable the API still answers 201 with the
 * number (the case is committed), and the worker's reconciler starts its workflow once Temporal
 * answers again.
 */
describe('intake while Temporal is down', () => {
  it('accepts the case, and the reconciler starts its workflow later', async () => {
    const config = integrationConfig();
    const orm = integrationOrm(config);
    const down = integrationConfig({
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    });
    const offlineTemporal = createTemporalClient(down);
    const app = await buildApp(down, { orm, temporal: offlineTemporal });
    const temporal = createTemporalClient(config);
    const worker = await startTestWorker(config, orm);
    try {
      const response = await app.inject({
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
      const filed = response.json<{ id: string; number: string; trackingToken: string }>();
      const stored = await orm.em.fork().findOneOrFail(Case, { id: filed.id });
      expect(stored.workflowStartedAt).toBeNull();
      const tracked = await app.inject(
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
    } finally {
      await worker.stop();
      await app.close();
      await offlineTemporal.connection.close();
      await temporal.connection.close();
      await orm.close();
    }
  });
});
