import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { Orm } from '../../db/orm';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { caseStateQuery } from '../../workflows/case.messages';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

/**
 * A case that collects many actions continues as new before its history grows large, and carries
 * its whole state into the new run.
 */
describe('a long-lived case', () => {
  let fixture: TestApp;
  let app: FastifyInstance;
  let orm: Orm;
  let temporal: Client;

  beforeAll(async () => {
    fixture = await startTestApp({ config: { WORKFLOW_HISTORY_LIMIT: '60' }, worker: true, demoUsers: true });
    ({ app, orm, temporal } = fixture);
  });
  afterAll(() => fixture.close());

  it('continues as new after the history limit and keeps its state and its actions', async () => {
    const authorization = await fixture.authorization('clerk');
    const answer = (
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
    ).json<{ number: string }>();
    const filed = { ...answer, id: await caseIdOfNumber(orm, answer.number) };
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
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/cases/${filed.id}/actions/accept`,
      headers: { authorization: await fixture.authorization('zom') },
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
