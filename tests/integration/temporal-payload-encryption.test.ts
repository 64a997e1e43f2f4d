import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID } from '../../services/temporal/temporal-payload-encryption';
import type { ResidentMessage } from '../../workflows/case.messages';
import {
  caseIdOfNumber,
  decodedPayload,
  eventually,
  startTestApp,
  type TestApp,
} from '../support/integration';

/**
 * Residents' words, names, addresses and positions travel into Temporal's history as workflow
 * inputs, signals, update arguments and activity inputs. Whoever reads that history (the server's
 * database, the Temporal UI, anyone reaching its port) sees only ciphertext; civicflow's own
 * client, with the key, reads it back.
 */
describe('the payloads in Temporal’s history', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp({ worker: true, demoUsers: true, relay: false });
  });
  afterAll(() => fixture?.close());

  it('hold no plaintext of a marked message, name, e-mail or position, and decode with the key', async () => {
    const marker = `Zielonka${randomUUID().slice(0, 8)}`;
    const position = { lat: 52.2318765, lon: 21.0067249 };
    const filed = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: `Dziura ${marker} przed blokiem`,
        district: 'Śródmieście',
        location: position,
        contact: { name: `Jan ${marker}`, email: `${marker.toLowerCase()}@resident.test` },
      },
    });
    expect(filed.statusCode).toBe(201);
    const { number, trackingToken } = filed.json<{ number: string; trackingToken: string }>();
    const id = await caseIdOfNumber(fixture.orm, number);
    const handle = fixture.temporal.workflow.getHandle(caseWorkflowId(id));
    await eventually(
      async () => (await handle.query<{ status: string }>('caseStateQuery')).status === 'FORWARDED',
      {
        what: 'the case to reach its unit',
      },
    );

    // The resident's words as a signal, a clerk's note as an update: both land in the history.
    const message = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(number)}/messages?token=${trackingToken}`,
      payload: { message: `Mieszkam pod numerem 7, ${marker}` },
    });
    expect(message.statusCode).toBe(202);
    const comment = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions/comment`,
      headers: { authorization: await fixture.authorization('clerk') },
      payload: { note: `Dzwoniła pani ${marker}` },
    });
    expect(comment.statusCode).toBe(200);
    await eventually(
      async () => {
        const rows = await fixture.orm.em
          .fork()
          .execute<{ type: string }[]>(
            `select type from case_events where case_id = ? and type in ('RESIDENT_MESSAGE', 'COMMENTED')`,
            [id],
          );
        return rows.length === 2;
      },
      { what: 'the resident’s message and the clerk’s note in the timeline' },
    );

    // A client without the codec: what the server stores and anyone reaching it reads.
    const connection = await Connection.connect({ address: fixture.config.temporal.address! });
    try {
      const raw = new Client({ connection, namespace: fixture.config.temporal.namespace });
      const history = await raw.workflow.getHandle(caseWorkflowId(id)).fetchHistory();
      const stored = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
      for (const secret of [marker, marker.toLowerCase(), String(position.lat), String(position.lon)]) {
        expect(stored).not.toContain(secret);
      }
      // No relay in this file (relay: false): the acknowledgement fails and retries, and its error quotes the
      // resident's address. What the UI shows of the pending activity is encrypted as well.
      // Two mails may be failing at once (the resident's acknowledgement, the unit's notice): wait
      // for the one that quotes the resident's address.
      const address = `${marker.toLowerCase()}@resident.test`;
      const { described, failure } = await eventually(
        async () => {
          const { raw: response } = await raw.workflow.getHandle(caseWorkflowId(id)).describe();
          for (const activity of response.pendingActivities ?? []) {
            const last = activity.lastFailure;
            if (!last?.encodedAttributes) continue;
            const decoded = await decodedPayload<{ message: string }>(
              fixture.temporal,
              last.encodedAttributes,
            );
            if (decoded.message.includes(address)) return { described: response, failure: last };
          }
          return null;
        },
        { what: 'the failing acknowledgement', timeoutMs: 30_000 },
      );
      expect(failure.message).toBe('Encoded failure');
      const shown =
        temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(described).finish();
      expect(Buffer.from(shown).toString('latin1')).not.toContain(marker.toLowerCase());

      const events = history.events ?? [];
      const signalled = events.find(
        (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'residentMessageSignal',
      )!.workflowExecutionSignaledEventAttributes!.input!.payloads![0];
      expect(Buffer.from(signalled.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
      expect(Buffer.from(signalled.metadata![ENCRYPTION_KEY_ID]!).toString()).toBe(
        fixture.config.temporal.payloadKeys[0].id,
      );
      const started = events[0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
      expect(Buffer.from(started.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);

      // civicflow's own client, with the key, reads the same history back.
      const words = await decodedPayload<ResidentMessage>(fixture.temporal, signalled);
      expect(words.message).toBe(`Mieszkam pod numerem 7, ${marker}`);
      const input = await decodedPayload<{ lat: number; lon: number }>(fixture.temporal, started);
      expect(input).toMatchObject(position);
      const update = events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes)!
        .workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads![0];
      expect(await decodedPayload(fixture.temporal, update)).toMatchObject({
        action: 'comment',
        input: { note: `Dzwoniła pani ${marker}` },
      });
    } finally {
      await connection.close();
    }
  });
});
