import { randomBytes } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { withActorProof } from '../../services/cases/actor-proof';
import { temporalDataConverter } from '../../services/temporal/temporal-payload-encryption';
import {
  caseActionUpdate,
  caseStateQuery,
  residentMessageSignal,
  unitSystemStatusSignal,
  type CaseActionRequest,
} from '../../workflows/case.messages';
import {
  caseIdOfNumber,
  eventually,
  settledHistory,
  startTestApp,
  type TestApp,
} from '../support/integration';

/**
 * Anyone who reaches Temporal's port can send a case's workflow an update or a signal with any
 * actor in it. The workflow acts only on what the API vouched for; an update without the API's
 * proof, with a forged one or with a proof made for another case, is refused and changes nothing,
 * and such a signal is dropped.
 */
describe('the workflows trust only actors the API vouched for', () => {
  let fixture: TestApp;
  let connection: Connection;
  /**
   * A client straight to Temporal's port without civicflow's interceptor, so without the action key.
   * It has the payload codec only to read the refusals, whose messages are encrypted too.
   */
  let outsider: Client;
  beforeAll(async () => {
    // The fixture's relay takes the unit's forwarding mail, so the cases settle.
    fixture = await startTestApp({ worker: true, demoUsers: true });
    connection = await Connection.connect({ address: fixture.config.temporal.address! });
    outsider = new Client({
      connection,
      namespace: fixture.config.temporal.namespace,
      dataConverter: temporalDataConverter(fixture.config),
    });
  });
  afterAll(async () => {
    await connection?.close();
    await fixture?.close();
  });

  const ADMIN = { id: 'attacker', name: 'Admin', role: 'ADMIN' as const, unitCode: null };
  const cancelAsAdmin: CaseActionRequest = {
    action: 'cancel',
    actor: ADMIN,
    input: { note: 'Anulowane przez intruza' },
  };

  async function forwardedCase(): Promise<{ id: string; number: string; trackingToken: string }> {
    const filed = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'INCIDENT', eventCode: 'POTHOLE', description: 'Dziura', district: 'Wola' },
    });
    expect(filed.statusCode).toBe(201);
    const answer = filed.json<{ number: string; trackingToken: string }>();
    const filedCase = { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
    const handle = fixture.temporal.workflow.getHandle(caseWorkflowId(filedCase.id));
    await eventually(async () => (await handle.query(caseStateQuery)).status === 'FORWARDED', {
      what: 'the case to reach its unit',
    });
    await settledHistory(handle);
    return filedCase;
  }

  async function refusal(
    update: Promise<unknown>,
  ): Promise<{ type: string | null | undefined; message: string }> {
    const error = await update.then(
      () => new Error('the update was accepted'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return { type: cause.type, message: cause.message };
  }

  /** The case as the read model and the workflow see it, and its timeline. */
  async function caseNow(id: string) {
    await settledHistory(fixture.temporal.workflow.getHandle(caseWorkflowId(id)));
    const db = fixture.orm.em.fork();
    const [row] = await db.execute<{ status: string; version: number }[]>(
      'select status, state_version as version from cases where id = ?',
      [id],
    );
    const events = await db.execute<{ type: string }[]>(
      'select type from case_events where case_id = ? order by id',
      [id],
    );
    const state = await fixture.temporal.workflow.getHandle(caseWorkflowId(id)).query(caseStateQuery);
    return {
      status: row.status,
      version: Number(row.version),
      workflowStatus: state.status,
      workflowVersion: state.version,
      events: events.map((e) => e.type),
    };
  }

  it('refuses a cancel "as ADMIN" without proof, with a forged proof or with another case’s proof', async () => {
    const { id } = await forwardedCase();
    const { id: other } = await forwardedCase();
    const before = await caseNow(id);
    expect(before).toMatchObject({ status: 'FORWARDED', workflowStatus: 'FORWARDED' });
    const handle = outsider.workflow.getHandle(caseWorkflowId(id));
    const key = fixture.config.temporal.actionKey;

    // No proof at all: the validator refuses it before it reaches the history.
    expect(await refusal(handle.executeUpdate(caseActionUpdate, { args: [cancelAsAdmin] }))).toEqual({
      type: 'FORBIDDEN',
      message: 'the API did not vouch for this action',
    });

    // A proof of the right shape that no key made: the worker's check refuses it.
    const forged = {
      ...cancelAsAdmin,
      actorProof: { issuedAt: new Date().toISOString(), mac: randomBytes(32).toString('base64url') },
    };
    expect(await refusal(handle.executeUpdate(caseActionUpdate, { args: [forged] }))).toEqual({
      type: 'FORBIDDEN',
      message: 'the API did not vouch for this action (the proof does not match the message)',
    });

    // A genuine proof, seen on its way to another case, does not carry over.
    const forOther = withActorProof(
      key,
      { workflowId: caseWorkflowId(other), message: caseActionUpdate.name },
      cancelAsAdmin,
    );
    expect(await refusal(handle.executeUpdate(caseActionUpdate, { args: [forOther] }))).toEqual({
      type: 'FORBIDDEN',
      message: 'the API did not vouch for this action (the proof does not match the message)',
    });

    // Nor does one kept for later: the API waits for its updates, so an old proof is a replay.
    const stale = withActorProof(
      key,
      { workflowId: caseWorkflowId(id), message: caseActionUpdate.name },
      cancelAsAdmin,
      new Date(Date.now() - 11 * 60_000),
    );
    expect(await refusal(handle.executeUpdate(caseActionUpdate, { args: [stale] }))).toEqual({
      type: 'FORBIDDEN',
      message: 'the proof of who acts has expired',
    });

    expect(await caseNow(id)).toEqual(before);
    expect(before.events).not.toContain('CANCELLED');
  });

  it('drops signals the API did not vouch for: no resident message, no unit resolution', async () => {
    const { id } = await forwardedCase();
    const before = await caseNow(id);
    const handle = outsider.workflow.getHandle(caseWorkflowId(id));
    await handle.signal(residentMessageSignal, {
      message: 'Proszę zadzwonić pod 600 000 000 (podszyte)',
      at: new Date().toISOString(),
      messageId: 'forged-1',
    });
    await handle.signal(unitSystemStatusSignal, {
      status: 'RESOLVED',
      note: 'Naprawione (podszyte)',
      callbackId: 'forged-2',
      actorProof: { issuedAt: new Date().toISOString(), mac: randomBytes(32).toString('base64url') },
    });
    // Both signals are in the history; the workflow has handled them once it settles.
    await eventually(
      async () =>
        ((await handle.fetchHistory()).events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes)
          .length === 2,
      { what: 'both signals in the history' },
    );
    expect(await caseNow(id)).toEqual(before);
  });

  it('still takes the API’s own actions: the clerk’s cancel and the resident’s message', async () => {
    const { id, number, trackingToken } = await forwardedCase();
    const message = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(number)}/messages?token=${trackingToken}`,
      payload: { message: 'To ja, mieszkanka: dziura się powiększa' },
    });
    expect(message.statusCode).toBe(202);
    await eventually(async () => (await caseNow(id)).events.includes('RESIDENT_MESSAGE'), {
      what: 'the resident’s message in the timeline',
    });
    const cancelled = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions/cancel`,
      headers: { authorization: await fixture.authorization('admin') },
      payload: { note: 'Zgłoszenie wycofane telefonicznie' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'CANCELLED' });
    const after = await caseNow(id);
    expect(after).toMatchObject({ status: 'CANCELLED', workflowStatus: 'CANCELLED' });
    expect(after.events).toContain('CANCELLED');
  });
});
