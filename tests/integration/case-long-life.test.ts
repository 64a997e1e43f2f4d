import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import type { Orm } from '../../db/orm';
import { seedDemoUsers } from '../../db/seed/seed-demo-data';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { createTemporalClient } from '../../intake/temporal-client';
import { caseStateQuery } from '../../workflows/case.messages';
import {
  eventually,
  integrationConfig,
  integrationOrm,
  startTestWorker,
  type RunningWorker,
} from '../support/integration';

/**
 * A case that collects many actions continues as new before its history grows large, and carries
 * its whole state into the new run.
 */
describe('a long-lived case', () => {
  const config = integrationConfig({ WORKFLOW_HISTORY_LIMIT: '60' });
  let orm: Orm;
  let app: FastifyInstance;
  let worker: RunningWorker;
  const temporal = createTemporalClient(config);

  beforeAll(async () => {
    orm = integrationOrm(config);
    await seedDemoUsers(orm, config.demo.password);
    app = await buildApp(config, { orm, temporal });
    worker = await startTestWorker(config, orm);
  });
  afterAll(async () => {
    await worker.stop();
    await app.close();
    await temporal.connection.close();
    await orm.close();
  });

  it('continues as new after the history limit and keeps its state and its actions', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk', password: config.demo.password },
    });
    const authorization = `Bearer ${login.json().token}`;
    const filed = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: 'SNOW',
          description: 'Nieodśnieżony chodnik',
          district: 'Bielany',
        },
      })
    ).json<{ id: string }>();
    const handle = temporal.workflow.getHandle(caseWorkflowId(filed.id));
    await eventually(async () => (await handle.query(caseStateQuery)).status === 'FORWARDED');
    const firstRun = (await handle.describe()).runId;

    for (let i = 1; i <= 15; i += 1) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/cases/${filed.id}/actions/comment`,
        headers: { authorization },
        payload: { note: `Telefon od mieszkańca nr ${i}` },
      });
      expect(response.statusCode).toBe(200);
    }
    const description = await eventually(
      async () => {
        const described = await handle.describe();
        return described.runId !== firstRun && described;
      },
      { what: 'a new run' },
    );
    expect(description.status.name).toBe('RUNNING');

    const state = await handle.query(caseStateQuery);
    expect(state).toMatchObject({
      status: 'FORWARDED',
      unitCode: 'ZOM',
      eventCode: 'SNOW',
      slaState: 'ON_TRACK',
    });
    expect(state.version).toBeGreaterThanOrEqual(18);

    // The new run still takes actions, and the read model keeps counting versions upwards.
    const zom = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'zom', password: config.demo.password },
    });
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/cases/${filed.id}/actions/accept`,
      headers: { authorization: `Bearer ${zom.json().token}` },
      payload: {},
    });
    expect(accepted.json().status).toBe('IN_PROGRESS');
    const comments = await orm.em
      .fork()
      .execute<{ n: string }[]>(
        `select count(*) as n from case_events where case_id = ? and type = 'COMMENTED'`,
        [filed.id],
      );
    expect(Number(comments[0].n)).toBe(15);
  });
});
