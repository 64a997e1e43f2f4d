import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import type { EmailIntake } from '../../intake/email/email-listener';
import {
  caseIdOfNumber,
  decodedPayload,
  eventually,
  settledHistory,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startTestMailIntake, type TestMailIntake } from '../support/mail-intake';
import { startSmtpListener, type ParsedMail, type SmtpListener } from '../support/smtp-listener';

const PUBLIC_URL = 'https://19115.test';
const CONTACT_ADDRESS = '19115@19115.test';
const RELAY = 'mx.19115.test';
const LINK = /https:\/\/19115\.test(\/api\/v1\/public\/case-contacts\/confirm\?token=([A-Za-z0-9._-]+))/;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface Filed {
  id: string;
  number: string;
  trackingToken: string;
}

/**
 * Issue 14: anyone can type anyone's address into a report, so a case's contact address gets the
 * acknowledgement with a confirmation link and nothing else until it is confirmed (by the link,
 * by an authenticated mail, or for an earlier case). A real SMTP listener receives what is sent,
 * the real workflow decides when, and the mail intake files the e-mail cases.
 */
describe('case contacts are mailed updates only once their address is confirmed', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;
  let intake: EmailIntake;
  let mail: TestMailIntake;
  let transport: Transporter;
  const tag = randomUUID().slice(0, 8);
  const resident = `nowy-${tag}@resident.test`;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>',
        MAIL_INTAKE_ADDRESSES: CONTACT_ADDRESS,
        MAIL_TRUSTED_AUTHSERV_ID: RELAY,
      },
    });
    mail = await startTestMailIntake(fixture);
    ({ intake, transport } = mail);
  });

  afterAll(async () => {
    await mail?.close();
    await fixture?.close();
    await smtp?.close();
  });

  const db = () => fixture.orm.em.fork().getConnection();

  async function file(email: string): Promise<Filed> {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: `Dziura w jezdni ${tag}`,
        district: 'Ochota',
        contact: { email },
      },
    });
    expect(response.statusCode).toBe(201);
    const answer = response.json<Omit<Filed, 'id'>>();
    return { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
  }

  async function act(username: string, filed: { id: string }, action: string, body = {}) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${filed.id}/actions/${action}`,
      headers: { authorization: await fixture.authorization(username) },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
  }

  async function statusOf(caseId: string): Promise<string> {
    const [row] = await db().execute<{ status: string }[]>('select status from cases where id = ?', [caseId]);
    return row.status;
  }

  const reach = (caseId: string, statuses: string[]) =>
    eventually(async () => statuses.includes(await statusOf(caseId)), {
      timeoutMs: 40_000,
      what: `case ${caseId} to reach ${statuses.join(' or ')}`,
    });

  const to = (address: string) => (mail: ParsedMail) =>
    JSON.stringify(mail.to).toLowerCase().includes(address.toLowerCase());
  const mailsOf = (number: string) => smtp.messages.filter((m) => m.subject?.startsWith(`[#${number}]`));

  const notificationsOf = (caseId: string) =>
    db().execute<{ template: string; recipient: string; status: string; error: string | null }[]>(
      'select template, recipient, status, error from notifications where case_id = ? order by id',
      [caseId],
    );

  const confirmation = (email: string) =>
    db().execute<{ method: string; case_id: string | null }[]>(
      'select method, case_id from contact_confirmations where email = ?',
      [email.toLowerCase()],
    );

  const get = (url: string) => fixture.app.inject({ method: 'GET', url });
  const post = (url: string) => fixture.app.inject({ method: 'POST', url, headers: FORM, payload: '' });

  let first: Filed;
  let link: string;

  it('mails an unconfirmed contact only the acknowledgement, with the number and a confirmation link; an update is recorded as skipped', async () => {
    first = await file(resident);
    await reach(first.id, ['FORWARDED']);
    const ack = await smtp.waitFor(to(resident), 15_000);
    expect(ack.subject).toBe(`[#${first.number}] Przyjęliśmy zgłoszenie`);
    const text = ack.text ?? '';
    expect(text).toContain(`Nadaliśmy mu numer ${first.number}`);
    expect(text).toContain('wyślemy dopiero po potwierdzeniu');
    const found = LINK.exec(text);
    expect(found).not.toBeNull();
    link = found![1];
    expect(found![2].startsWith(`${caseNumberToSlug(first.number)}.`)).toBe(true);
    expect(String(ack.html)).toContain(`href="${PUBLIC_URL}${link}"`);
    // No internal id anywhere, and no tracking link: it opens the case to whoever holds the mail.
    for (const part of [text, String(ack.html)]) {
      expect(part).not.toContain(first.id);
      expect(part).not.toContain('/portal/track/');
      expect(part).not.toContain(first.trackingToken);
    }

    await act('zdm', first, 'accept');
    await act('zdm', first, 'request-info', { note: `Prosimy o zdjęcie ${tag}` });
    await reach(first.id, ['WAITING_FOR_RESIDENT']);
    const history = await settledHistory(fixture.temporal.workflow.getHandle(caseWorkflowId(first.id)));

    expect(await notificationsOf(first.id)).toEqual(
      expect.arrayContaining([
        { template: 'ACKNOWLEDGED', recipient: resident, status: 'SENT', error: null },
        {
          template: 'INFO_REQUESTED',
          recipient: resident,
          status: 'SKIPPED',
          error: 'address not confirmed by the resident',
        },
      ]),
    );
    expect(smtp.messages.filter(to(resident))).toHaveLength(1);

    // Withheld, not failed: each mail activity ran once and completed, the last one saying so.
    const names = new Map<string, string>();
    for (const event of history) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled) names.set(String(event.eventId), scheduled.activityType?.name ?? '');
    }
    const mailStarts = history.filter(
      (e) =>
        e.activityTaskStartedEventAttributes &&
        names.get(String(e.activityTaskStartedEventAttributes.scheduledEventId)) === 'notifyResident',
    );
    expect(mailStarts.length).toBeGreaterThanOrEqual(2);
    expect(mailStarts.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual(
      mailStarts.map(() => 1),
    );
    const results = history
      .map((e) => e.activityTaskCompletedEventAttributes)
      .filter((c) => c && names.get(String(c.scheduledEventId)) === 'notifyResident');
    const last = results[results.length - 1]!;
    expect(await decodedPayload(fixture.temporal, last.result!.payloads![0])).toEqual({
      sent: 0,
      skipped: 1,
      failed: 0,
    });
  });

  it('confirms the address with the button behind the link (opening it changes nothing), idempotently; the next update is mailed', async () => {
    const page = await get(link);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post">');
    expect(page.body).toContain(first.number);
    expect(await confirmation(resident)).toEqual([]);
    // Anyone holding the link (a mail scanner, a forwarded mail) reads this page: it names the case
    // by number only, never the address or the internal id.
    expect(page.body.toLowerCase()).not.toContain(resident.toLowerCase());
    expect(page.body).not.toContain(first.id);

    const confirmed = await post(link);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('adres jest potwierdzony');
    expect(confirmed.body).toContain(
      `/portal/track/${caseNumberToSlug(first.number)}?token=${first.trackingToken}`,
    );
    expect(await confirmation(resident)).toEqual([{ method: 'LINK', case_id: first.id }]);
    expect(confirmed.body.toLowerCase()).not.toContain(resident.toLowerCase());
    expect(confirmed.body).not.toContain(first.id);
    // Following the link again (twice, or opened later) answers the same and records nothing new.
    const again = await post(link);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('adres jest potwierdzony');
    expect((await get(link)).statusCode).toBe(200);
    expect(await confirmation(resident)).toHaveLength(1);

    const reply = await fixture.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(first.number)}/messages?token=${first.trackingToken}`,
      payload: { message: 'Zdjęcie wysłane' },
    });
    expect(reply.statusCode).toBe(202);
    await reach(first.id, ['IN_PROGRESS']);
    await act('zdm', first, 'resolve', { note: `Załatano ${tag}` });
    const resolved = await smtp.waitFor((m) => to(resident)(m) && /Załatano/.test(m.text ?? ''), 15_000);
    expect(resolved.subject).toBe(`[#${first.number}] Sprawa została załatwiona`);
    expect(resolved.text).toContain(`/portal/track/${caseNumberToSlug(first.number)}?token=`);
    expect(resolved.text).not.toContain('/case-contacts/confirm');
  });

  it('mails a later case of a confirmed address its updates without asking again, however the address is written', async () => {
    const second = await file(resident.toUpperCase());
    await reach(second.id, ['FORWARDED']);
    const ack = await smtp.waitFor((m) => m.subject?.startsWith(`[#${second.number}]`) === true, 15_000);
    expect(ack.text).not.toContain('/case-contacts/confirm');
    expect(ack.text).toContain(
      `/portal/track/${caseNumberToSlug(second.number)}?token=${second.trackingToken}`,
    );
    await act('zdm', second, 'accept');
    await act('zdm', second, 'resolve', { note: `Druga dziura załatana ${tag}` });
    const resolved = await smtp.waitFor((m) => /Druga dziura załatana/.test(m.text ?? ''), 15_000);
    expect(resolved.subject).toBe(`[#${second.number}] Sprawa została załatwiona`);
  });

  async function mailIn(from: string, headers: Record<string, string>): Promise<Filed> {
    const messageId = `<${randomUUID()}@${tag}.example.pl>`;
    await transport.sendMail({
      to: CONTACT_ADDRESS,
      from,
      subject: `Zepsuta ławka ${tag}`,
      text: 'Ławka w parku jest połamana.',
      messageId,
      headers,
    });
    await intake.idle();
    const [row] = await db().execute<{ case_id: string }[]>(
      'select case_id from inbound_emails where message_id = ?',
      [messageId],
    );
    const [c] = await db().execute<{ number: string }[]>('select number from cases where id = ?', [
      row.case_id,
    ]);
    return { id: row.case_id, number: c.number, trackingToken: '' };
  }

  it('counts the sender of a mail the relay authenticated as confirmed, and not the sender of any other mail', async () => {
    const domain = `${tag}.example.pl`;
    const proven = `jan@${domain}`;
    const claimed = `ktos@${domain}`;
    const authenticated = await mailIn(proven, {
      'Authentication-Results': `${RELAY}; dmarc=pass header.from=${domain}`,
    });
    expect(await confirmation(proven)).toEqual([{ method: 'AUTHENTICATED_MAIL', case_id: authenticated.id }]);
    // The same verdict from anyone but the trusted relay proves nothing.
    const unproven = await mailIn(claimed, {
      'Authentication-Results': `mx.elsewhere.test; dmarc=pass header.from=${domain}`,
    });
    expect(await confirmation(claimed)).toEqual([]);

    const ack = await smtp.waitFor(
      (m) => m.subject?.startsWith(`[#${authenticated.number}]`) === true,
      30_000,
    );
    expect(ack.text).not.toContain('/case-contacts/confirm');
    expect(ack.text).toContain('/portal/track/');
    const asked = await smtp.waitFor((m) => m.subject?.startsWith(`[#${unproven.number}]`) === true, 30_000);
    expect(asked.text).toMatch(LINK);

    for (const filed of [authenticated, unproven]) {
      await reach(filed.id, ['TRIAGE', 'FORWARDED']);
      await act('clerk', filed, 'cancel', { note: `Zgłoszenie testowe ${tag}` });
    }
    const cancelled = await smtp.waitFor(
      (m) => to(proven)(m) && /Zgłoszenie testowe/.test(m.text ?? ''),
      15_000,
    );
    expect(cancelled.subject).toBe(`[#${authenticated.number}] Zgłoszenie zostało anulowane`);
    await settledHistory(fixture.temporal.workflow.getHandle(caseWorkflowId(unproven.id)));
    expect(mailsOf(unproven.number)).toHaveLength(1);
    expect((await notificationsOf(unproven.id)).map((n) => [n.template, n.status])).toEqual([
      ['ACKNOWLEDGED', 'SENT'],
      ['CANCELLED', 'SKIPPED'],
    ]);
  });

  it('answers a link that cannot confirm with a 4xx page naming the problem', async () => {
    const base = '/api/v1/public/case-contacts/confirm';
    const malformed = await get(`${base}?token=not-a-token`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('niepełny lub uszkodzony');
    expect((await get(base)).statusCode).toBe(400);

    const slug = caseNumberToSlug(first.number);
    for (const token of [`${slug}.${'A'.repeat(32)}`, `999999-99.${'A'.repeat(32)}`]) {
      const forged = await post(`${base}?token=${token}`);
      expect(forged.statusCode).toBe(404);
      expect(forged.body).toContain('nie jest ważny');
    }

    const stranger = `obcy-${tag}@resident.test`;
    const late = await file(stranger);
    const ack = await smtp.waitFor(to(stranger), 15_000);
    const lateLink = LINK.exec(ack.text ?? '')![1];
    await db().execute(`update cases set created_at = now() - interval '31 days' where id = ?`, [late.id]);
    const expired = await post(lateLink);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('wygasł');
    expect(await confirmation(stranger)).toEqual([]);

    // A link stops working when a clerk corrects the address it was sent to.
    await db().execute(`update cases set created_at = now(), contact_email = ? where id = ?`, [
      `poprawiony-${tag}@resident.test`,
      late.id,
    ]);
    expect((await post(lateLink)).statusCode).toBe(404);
    expect(await confirmation(stranger)).toEqual([]);
  });
});
