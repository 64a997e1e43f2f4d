import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { caseWorkflowId } from '../../domain/cases/case-number';
import type { EmailIntake } from '../../intake/email/email-listener';
import {
  caseIdOfNumber,
  eventually,
  settledHistory,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startTestMailIntake, type TestMailIntake } from '../support/mail-intake';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

const CONTACT_ADDRESS = '19115@19115.test';
/** The city's relay, whose verdict on a sender alone lets a reply into (and reopen) a case. */
const RELAY = 'mx.19115.test';
/** Fifteen seconds: long enough to reply inside the window, short enough to wait it out. */
const REOPEN_WINDOW_MINUTES = 0.25;

interface Filed {
  id: string;
  number: string;
}

interface CaseEvent {
  type: string;
  note: string | null;
  actor_role: string | null;
}

/**
 * A resident answering the resolution mail with "it is still broken": real SMTP deliveries to the
 * intake listener, the run's PostgreSQL and Temporal, and a worker running the case workflow.
 */
describe('a reply by e-mail to a resolved case', () => {
  let fixture: TestApp;
  let outbox: SmtpListener;
  let intake: EmailIntake;
  let mail: TestMailIntake;
  let transport: Transporter;
  const tag = randomUUID().slice(0, 8);
  const resident = `anna.nowak.${tag}@example.pl`;

  beforeAll(async () => {
    outbox = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        SMTP_URL: outbox.url,
        MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>',
        MAIL_INTAKE_ADDRESSES: CONTACT_ADDRESS,
        CASE_REOPEN_WINDOW_MINUTES: String(REOPEN_WINDOW_MINUTES),
        MAIL_TRUSTED_AUTHSERV_ID: RELAY,
      },
    });
    mail = await startTestMailIntake(fixture);
    ({ intake, transport } = mail);
  });

  afterAll(async () => {
    await mail?.close();
    await fixture?.close();
    await outbox?.close();
  });

  const db = () => fixture.orm.em.fork().getConnection();

  /** The resident's replies pass DMARC at the relay; only such replies may reopen a case. */
  async function deliver(message: Mail.Options & { messageId: string }): Promise<string> {
    const info = await transport.sendMail({
      to: CONTACT_ADDRESS,
      from: resident,
      ...message,
      headers: {
        'Authentication-Results': `${RELAY}; dmarc=pass header.from=example.pl`,
        ...message.headers,
      },
    });
    await intake.idle();
    return String(info.response);
  }

  async function inboundRow(messageId: string) {
    const [row] = await db().execute<
      { id: string; status: string; reason: string | null; case_id: string | null }[]
    >('select id, status, reason, case_id from inbound_emails where message_id = ?', [messageId]);
    return row;
  }

  async function statusOf(caseId: string): Promise<string> {
    const [row] = await db().execute<{ status: string }[]>('select status from cases where id = ?', [caseId]);
    return row.status;
  }

  const reachStatus = (caseId: string, status: string) =>
    eventually(async () => (await statusOf(caseId)) === status, { what: `case ${caseId} ${status}` });

  const eventsOf = (caseId: string) =>
    db().execute<CaseEvent[]>(
      'select type, note, actor_role from case_events where case_id = ? order by id',
      [caseId],
    );

  const carrying = (events: CaseEvent[], text: string) => events.filter((e) => e.note?.includes(text));

  async function file(body: Record<string, unknown>): Promise<Filed> {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { ...body, contact: { email: resident } },
    });
    expect(response.statusCode).toBe(201);
    const { number } = response.json<{ number: string }>();
    return { number, id: await caseIdOfNumber(fixture.orm, number) };
  }

  async function act(username: string, caseId: string, action: string, body: Record<string, unknown> = {}) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/actions/${action}`,
      headers: { authorization: await fixture.authorization(username) },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
  }

  let pothole: Filed;
  const stillBroken = 'Dziura nadal jest, nikt jej nie załatał.';
  const replyId = `<${randomUUID()}@example.pl>`;

  it('reopens a case the unit resolved, the reply as the reason, once; an auto-reply reopens nothing', async () => {
    pothole = await file({
      kind: 'INCIDENT',
      eventCode: 'POTHOLE',
      description: 'Dziura w jezdni na Grójeckiej',
      district: 'Ochota',
    });
    await reachStatus(pothole.id, 'FORWARDED');
    await act('zdm', pothole.id, 'accept');
    await act('zdm', pothole.id, 'resolve', { note: 'Dziura załatana.' });
    await reachStatus(pothole.id, 'RESOLVED');

    const autoReplyId = `<${randomUUID()}@example.pl>`;
    await deliver({
      messageId: autoReplyId,
      subject: `Automatyczna odpowiedź: [#${pothole.number}] Sprawa załatwiona`,
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Jestem na urlopie.',
    });
    expect((await inboundRow(autoReplyId)).status).toBe('IGNORED');
    expect(await statusOf(pothole.id)).toBe('RESOLVED');

    expect(
      await deliver({
        messageId: replyId,
        subject: `Re: [#${pothole.number}] Sprawa załatwiona`,
        text: `${stillBroken}\n\n> Dziura załatana.`,
      }),
    ).toMatch(/^250 /);
    const row = await inboundRow(replyId);
    expect(row).toMatchObject({ status: 'PROCESSED', case_id: pothole.id });
    expect(row.reason).toContain(`reply reopened case ${pothole.number}`);
    // Reopened to the unit that had it, the SLA running again.
    expect(await statusOf(pothole.id)).toBe('FORWARDED');
    const events = await eventsOf(pothole.id);
    expect(carrying(events, stillBroken)).toEqual([
      { type: 'REOPENED', note: stillBroken, actor_role: 'RESIDENT' },
    ]);
    expect(events.filter((e) => e.note === 'Jestem na urlopie.')).toEqual([]);
  });

  it('changes nothing when the same message comes again or is processed again after a crash', async () => {
    const before = await eventsOf(pothole.id);
    expect(
      await deliver({
        messageId: replyId,
        subject: `Re: [#${pothole.number}] Sprawa załatwiona`,
        text: stillBroken,
      }),
    ).toMatch(/^250 /);

    // The process died after reopening and before marking the row: the sweeper takes it again,
    // now that the case is no longer RESOLVED.
    const row = await inboundRow(replyId);
    await db().execute(`update inbound_emails set status = 'RECEIVED', locked_until = null where id = ?`, [
      row.id,
    ]);
    const results = await intake.sweep();
    expect(results).toContainEqual(expect.objectContaining({ status: 'PROCESSED', caseId: pothole.id }));
    expect((await inboundRow(replyId)).reason).toContain(`reply reopened case ${pothole.number}`);

    // An update or signal the sweep had sent would be in the history by now; once the workflow has
    // handled all of it, the case's state and timeline are final.
    await settledHistory(fixture.temporal.workflow.getHandle(caseWorkflowId(pothole.id)));
    expect(await statusOf(pothole.id)).toBe('FORWARDED');
    const after = await eventsOf(pothole.id);
    expect(after).toEqual(before);
    expect(carrying(after, stillBroken)).toHaveLength(1);
  });

  it('reopens an answered question for a clerk to look at again', async () => {
    const question = await file({ kind: 'INFORMATION', description: 'Gdzie zapłacić za parkowanie?' });
    await reachStatus(question.id, 'TRIAGE');
    await act('clerk', question.id, 'answer', { note: 'W parkomacie.' });
    await reachStatus(question.id, 'ANSWERED');

    const text = 'Parkomat przy moim domu nie działa, gdzie jeszcze?';
    const messageId = `<${randomUUID()}@example.pl>`;
    await deliver({ messageId, subject: `Re: [#${question.number}] Odpowiedź na pytanie`, text });
    expect((await inboundRow(messageId)).reason).toContain(`reply reopened case ${question.number}`);
    expect(await statusOf(question.id)).toBe('TRIAGE');
    expect(carrying(await eventsOf(question.id), text)).toEqual([
      { type: 'REOPENED', note: text, actor_role: 'RESIDENT' },
    ]);
  });

  it('reopens nothing once the window has passed: the reply is kept as before, in a new case', async () => {
    await act('zdm', pothole.id, 'resolve', { note: 'Załatana ponownie.' });
    await reachStatus(pothole.id, 'RESOLVED');
    await eventually(async () => (await statusOf(pothole.id)) === 'CLOSED', {
      what: 'the reopen window to pass',
      timeoutMs: REOPEN_WINDOW_MINUTES * 60_000 + 20_000,
    });
    const eventsBefore = await eventsOf(pothole.id);

    const late = 'Znowu jest dziura w tym samym miejscu.';
    const messageId = `<${randomUUID()}@example.pl>`;
    await deliver({ messageId, subject: `Re: [#${pothole.number}] Sprawa załatwiona`, text: late });
    const row = await inboundRow(messageId);
    expect(row.status).toBe('PROCESSED');
    expect(row.reason).toContain(`refers to case ${pothole.number}, which is closed`);
    expect(row.case_id).not.toBe(pothole.id);
    expect(await statusOf(pothole.id)).toBe('CLOSED');
    expect(await eventsOf(pothole.id)).toEqual(eventsBefore);
  }, 90_000);
});
