import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Config } from '../../config/config';
import { caseWorkflowId } from '../../domain/cases/case-number';
import type { EmailIntake } from '../../intake/email/email-listener';
import {
  caseIdOfNumber,
  eventually,
  settledHistory,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startTestMailIntake } from '../support/mail-intake';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

const CONTACT_ADDRESS = '19115@19115.test';
/** The city's relay: only its Authentication-Results count. */
const RELAY = 'mx.19115.test';

interface Filed {
  id: string;
  number: string;
}

interface InboundRow {
  id: string;
  status: string;
  reason: string | null;
  case_id: string | null;
  created_case: boolean;
}

/**
 * Who may add to (or reopen) a case by e-mail: real SMTP deliveries to the intake listener, the
 * run's PostgreSQL and Temporal, and a worker running the case workflow. A From line is only a
 * claim; the relay's Authentication-Results under the trusted authserv-id is the evidence.
 */
describe('mail intake: sender authentication and quotas', () => {
  let fixture: TestApp;
  let outbox: SmtpListener;
  const intakes: EmailIntake[] = [];
  const transports: Transporter[] = [];
  let intake: EmailIntake;
  let transport: Transporter;
  const logs: string[] = [];
  const tag = randomUUID().slice(0, 8);
  const domain = `${tag}.example.pl`;
  const resident = `ewa.zielinska@${domain}`;

  async function openIntake(config: Config): Promise<{ intake: EmailIntake; transport: Transporter }> {
    const opened = await startTestMailIntake(fixture, { config, log: (line) => logs.push(line) });
    intakes.push(opened.intake);
    transports.push(opened.transport);
    return { intake: opened.intake, transport: opened.transport };
  }

  /** The fixture's configuration with other mail intake settings (same database, Temporal and queue). */
  const withMailIntake = (settings: Partial<Config['mailIntake']>): Config => ({
    ...fixture.config,
    mailIntake: { ...fixture.config.mailIntake, ...settings },
  });

  beforeAll(async () => {
    outbox = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        SMTP_URL: outbox.url,
        MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>',
        MAIL_INTAKE_ADDRESSES: CONTACT_ADDRESS,
        MAIL_TRUSTED_AUTHSERV_ID: RELAY,
      },
    });
    ({ intake, transport } = await openIntake(fixture.config));
  });

  afterAll(async () => {
    for (const opened of transports) opened.close();
    for (const opened of intakes) await opened.stop();
    await fixture?.close();
    await outbox?.close();
  });

  const db = () => fixture.orm.em.fork().getConnection();

  async function deliver(
    message: Mail.Options,
    via: { intake: EmailIntake; transport: Transporter } = { intake, transport },
  ): Promise<{ response: string; messageId: string }> {
    const messageId = message.messageId ?? `<${randomUUID()}@${domain}>`;
    const info = await via.transport.sendMail({ to: CONTACT_ADDRESS, from: resident, ...message, messageId });
    await via.intake.idle();
    return { response: String(info.response), messageId };
  }

  async function inboundRow(messageId: string): Promise<InboundRow> {
    const [row] = await db().execute<InboundRow[]>(
      'select id, status, reason, case_id, created_case from inbound_emails where message_id = ?',
      [messageId],
    );
    return row;
  }

  async function caseRow(id: string) {
    const [row] = await db().execute<
      { status: string; related_case_id: string | null; contact_email: string | null; channel: string }[]
    >('select status, related_case_id, contact_email, channel from cases where id = ?', [id]);
    return row;
  }

  const reachStatus = (caseId: string, status: string) =>
    eventually(async () => (await caseRow(caseId)).status === status, { what: `case ${caseId} ${status}` });

  const eventTypes = async (caseId: string) =>
    (
      await db().execute<{ type: string; note: string | null }[]>(
        'select type, note from case_events where case_id = ? order by id',
        [caseId],
      )
    ).map((e) => `${e.type}:${e.note ?? ''}`);

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

  beforeAll(async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: 'Dziura w jezdni na Grójeckiej przy przystanku',
        district: 'Ochota',
        contact: { email: resident },
      },
    });
    expect(response.statusCode).toBe(201);
    const { number } = response.json<{ number: string }>();
    pothole = { number, id: await caseIdOfNumber(fixture.orm, number) };
    await reachStatus(pothole.id, 'FORWARDED');
  });

  /** A new case from `messageId`'s mail, pointing at the pothole, which the mail did not touch. */
  async function expectLinkedNewCase(messageId: string, because: string): Promise<string> {
    const row = await inboundRow(messageId);
    expect(row).toMatchObject({ status: 'PROCESSED', created_case: true });
    expect(row.reason).toContain(`new case`);
    expect(row.reason).toContain(because);
    expect(row.case_id).not.toBe(pothole.id);
    expect(await caseRow(row.case_id!)).toMatchObject({
      channel: 'EMAIL',
      related_case_id: pothole.id,
      contact_email: resident,
    });
    return row.case_id!;
  }

  it('files a reply whose From is the contact but which nobody authenticated as a new case linked to the case', async () => {
    const before = await eventTypes(pothole.id);
    const words = 'Proszę anulować to zgłoszenie.';
    const { response, messageId } = await deliver({
      subject: `Re: [#${pothole.number}] Przyjęliśmy zgłoszenie`,
      text: words,
    });
    expect(response).toMatch(/^250 /);
    const linked = await expectLinkedNewCase(
      messageId,
      `refers to case ${pothole.number} but its sender is not authenticated: no Authentication-Results from ${RELAY}`,
    );

    // The clerk sees the link on the new case's page.
    const shown = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${linked}`,
      headers: { authorization: await fixture.authorization('clerk') },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ relatedCaseId: pothole.id });

    await settledHistory(fixture.temporal.workflow.getHandle(caseWorkflowId(pothole.id)));
    const after = await eventTypes(pothole.id);
    expect(after).toEqual(before);
    expect(after.some((line) => line.includes(words))).toBe(false);
  });

  it('ignores an Authentication-Results of any other authserv-id, and a dmarc=fail of the trusted one', async () => {
    const upstream = await deliver({
      subject: `Re: [#${pothole.number}] Przyjęliśmy zgłoszenie`,
      headers: { 'Authentication-Results': `mx.attacker.test; dmarc=pass header.from=${domain}` },
      text: 'Dziura już załatana, proszę zamknąć.',
    });
    await expectLinkedNewCase(upstream.messageId, `no Authentication-Results from ${RELAY}`);

    const failed = await deliver({
      subject: `Re: [#${pothole.number}] Przyjęliśmy zgłoszenie`,
      headers: {
        'Authentication-Results': `${RELAY}; spf=softfail smtp.mailfrom=${domain}; dmarc=fail (p=none) header.from=${domain}`,
      },
      text: 'Dziura już załatana, proszę zamknąć.',
    });
    await expectLinkedNewCase(failed.messageId, `${RELAY} reports dmarc=fail, spf=softfail, dkim=none`);
  });

  it('trusts no relay at all when no authserv-id is configured', async () => {
    const untrusting = await openIntake(withMailIntake({ trustedAuthservId: undefined }));
    const { messageId } = await deliver(
      {
        subject: `Re: [#${pothole.number}] Przyjęliśmy zgłoszenie`,
        headers: { 'Authentication-Results': `${RELAY}; dmarc=pass header.from=${domain}` },
        text: 'Dziura jest coraz większa.',
      },
      untrusting,
    );
    await expectLinkedNewCase(messageId, 'no relay is trusted to authenticate senders');
  });

  it('threads the reply when the trusted relay says DMARC passed for the From domain', async () => {
    const words = 'Dziura jest już na całą szerokość pasa.';
    const { messageId } = await deliver({
      subject: `Re: [#${pothole.number}] Przyjęliśmy zgłoszenie`,
      headers: { 'Authentication-Results': `${RELAY}; dmarc=pass (p=reject) header.from=${domain}` },
      text: words,
    });
    expect(await inboundRow(messageId)).toMatchObject({
      status: 'PROCESSED',
      case_id: pothole.id,
      created_case: false,
    });
    await eventually(async () => (await eventTypes(pothole.id)).includes(`RESIDENT_MESSAGE:${words}`), {
      what: 'the reply on the case',
    });
  });

  it('reopens a resolved case only for an authenticated reply (SPF and DKIM aligned)', async () => {
    await act('zdm', pothole.id, 'accept');
    await act('zdm', pothole.id, 'resolve', { note: 'Dziura załatana.' });
    await reachStatus(pothole.id, 'RESOLVED');

    const forged = await deliver({
      subject: `Re: [#${pothole.number}] Sprawa załatwiona`,
      text: 'Nic nie zrobiono, proszę otworzyć ponownie.',
    });
    await expectLinkedNewCase(forged.messageId, 'its sender is not authenticated');
    await settledHistory(fixture.temporal.workflow.getHandle(caseWorkflowId(pothole.id)));
    expect((await caseRow(pothole.id)).status).toBe('RESOLVED');

    const words = 'Dziura nadal jest, nikt jej nie załatał.';
    const genuine = await deliver({
      subject: `Re: [#${pothole.number}] Sprawa załatwiona`,
      headers: {
        'Authentication-Results': `${RELAY}; spf=pass smtp.mailfrom=bounces@mail.${domain}; dkim=pass header.d=${domain} header.s=s1`,
      },
      text: words,
    });
    const row = await inboundRow(genuine.messageId);
    expect(row).toMatchObject({ status: 'PROCESSED', case_id: pothole.id, created_case: false });
    expect(row.reason).toContain(`reply reopened case ${pothole.number}`);
    expect((await caseRow(pothole.id)).status).toBe('FORWARDED');
    expect(await eventTypes(pothole.id)).toContain(`REOPENED:${words}`);
  });

  it('defers new cases past the per-sender quota with 451 4.7.1, also after a restart; others still get in', async () => {
    const settings = { casesPerSenderPerHour: 2, casesPerHour: 100_000 };
    const limited = await openIntake(withMailIntake(settings));
    const flooder = `zalew.${tag}@example.pl`;
    for (const n of [1, 2]) {
      const { response } = await deliver(
        { from: flooder, subject: `Zgłoszenie ${n}`, text: `Nie świeci latarnia numer ${n}.` },
        limited,
      );
      expect(response).toMatch(/^250 /);
    }
    const thirdId = `<third-${tag}@example.pl>`;
    const refusal = {
      responseCode: 451,
      response: expect.stringMatching(
        new RegExp(`^451 4\\.7\\.1 .*at most 2 new cases per hour from ${flooder.replace(/\./g, '\\.')}`),
      ),
    };
    await expect(
      deliver(
        { from: flooder, messageId: thirdId, subject: 'Zgłoszenie 3', text: 'Nie świeci latarnia numer 3.' },
        limited,
      ),
    ).rejects.toMatchObject(refusal);
    expect(await inboundRow(thirdId)).toBeUndefined();
    expect(logs.some((line) => line.includes('deferred mail') && line.includes(flooder))).toBe(true);

    const other = await deliver(
      { from: `ktos.inny.${tag}@example.pl`, subject: 'Zgłoszenie', text: 'Przewrócony znak drogowy.' },
      limited,
    );
    expect(other.response).toMatch(/^250 /);

    // The count lives in the database: a restarted (or another) listener refuses as well.
    const restarted = await openIntake(withMailIntake(settings));
    await expect(
      deliver(
        { from: flooder, messageId: thirdId, subject: 'Zgłoszenie 3', text: 'Nie świeci latarnia numer 3.' },
        restarted,
      ),
    ).rejects.toMatchObject(refusal);
  });

  it('defers every new mail past the global quota with 451 4.7.1, while a redelivery is still acknowledged', async () => {
    // This file alone has filed more than two cases by mail within the hour.
    const full = await openIntake(withMailIntake({ casesPerSenderPerHour: 100, casesPerHour: 2 }));
    await expect(
      deliver(
        { from: `nowy.${tag}@example.pl`, subject: 'Zgłoszenie', text: 'Zepsuta ławka w parku.' },
        full,
      ),
    ).rejects.toMatchObject({
      responseCode: 451,
      response: expect.stringMatching(/^451 4\.7\.1 .*at most 2 new cases per hour by e-mail/),
    });

    // The relay lost our 250 for a mail already stored: it is told again that we have it.
    const [stored] = await db().execute<{ message_id: string }[]>(
      `select message_id from inbound_emails where sender = ? and created_case order by received_at limit 1`,
      [resident],
    );
    const again = await deliver(
      { messageId: stored.message_id, subject: 'Powtórka', text: 'Powtórzona wiadomość.' },
      full,
    );
    expect(again.response).toMatch(/^250 .*Already received/);
  });
});
