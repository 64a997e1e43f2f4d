import { randomUUID } from 'node:crypto';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { freePort } from '../support/free-port';
import {
  caseIdOfNumber,
  eventually,
  settledHistory,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

/**
 * The city's mail relay down while a case is filed: the case goes on to its unit regardless, the
 * resident's acknowledgement keeps being retried, and once the relay answers again it is delivered
 * exactly once (one Message-ID). The relay here is a real SMTP server that
 * is not listening yet, then listens on the same port.
 *
 * An hour cannot be waited out in a test: the history shows instead that the mail activities may
 * retry for a day with at most 15 minutes between attempts, so a mail held up by an hour's outage
 * leaves within 15 minutes of the relay's return.
 */
describe('the mail relay down while cases arrive', () => {
  let port: number;
  let fixture: TestApp;
  let relay: SmtpListener | undefined;
  const resident = `mieszkaniec-${randomUUID().slice(0, 8)}@resident.test`;

  beforeAll(async () => {
    port = await freePort();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>' },
    });
  });
  afterAll(async () => {
    await fixture?.close();
    await relay?.close();
  });

  it('forwards the case meanwhile and delivers every mail once when the relay is back', async () => {
    const filed = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'TRAFFIC_LIGHT',
        description: 'Sygnalizacja nie działa na skrzyżowaniu',
        district: 'Praga-Północ',
        contact: { name: 'Jan Mieszkaniec', email: resident },
      },
    });
    expect(filed.statusCode).toBe(201);
    const { number } = filed.json<{ number: string }>();
    const id = await caseIdOfNumber(fixture.orm, number);
    const handle = fixture.temporal.workflow.getHandle(caseWorkflowId(id));

    // Mail never holds a case up: it reaches its unit with the relay down.
    await eventually(
      async () => {
        const [row] = await fixture.orm.em
          .fork()
          .getConnection()
          .execute<{ status: string }[]>('select status from cases where id = ?', [id]);
        return row.status === 'FORWARDED';
      },
      { timeoutMs: 60_000, what: 'the case forwarded' },
    );
    // The acknowledgement has failed and is being retried.
    const pending = await eventually(
      async () => {
        const { raw } = await handle.describe();
        const mail = (raw.pendingActivities ?? []).find(
          (a) => a.activityType?.name === 'notifyResident' && (a.attempt ?? 0) >= 2,
        );
        return mail ?? null;
      },
      { timeoutMs: 60_000, what: 'the acknowledgement retried' },
    );
    expect(pending.lastFailure).toBeTruthy();

    // How long the retries go on: long enough for an hour's outage, attempts at most 15 min apart.
    const history = (await handle.fetchHistory()).events ?? [];
    const scheduled = history
      .map((event) => event.activityTaskScheduledEventAttributes)
      .find((attributes) => attributes?.activityType?.name === 'notifyResident')!;
    const seconds = (duration: { seconds?: unknown } | null | undefined) => Number(duration?.seconds ?? 0);
    expect(seconds(scheduled.scheduleToCloseTimeout)).toBeGreaterThanOrEqual(3600);
    expect(scheduled.retryPolicy?.maximumAttempts ?? 0).toBe(0);
    expect(seconds(scheduled.retryPolicy?.maximumInterval)).toBeLessThanOrEqual(15 * 60);

    relay = await startSmtpListener({ port });
    const acknowledgement = await relay.waitFor(
      (mail) => JSON.stringify(mail.to ?? '').includes(resident),
      90_000,
    );
    expect(acknowledgement.subject).toContain(number);
    // Nothing left to retry, then count: one mail per Message-ID, none lost.
    await settledHistory(handle, { timeoutMs: 90_000 });
    const toResident = relay.messages.filter((mail) => JSON.stringify(mail.to ?? '').includes(resident));
    expect(toResident).toHaveLength(1);
    const ids = relay.messages.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  }, 240_000);
});
