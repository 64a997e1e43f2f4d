import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressObject } from 'mailparser';
import { createMailer, type Mailer } from '../../services/mail/mailer';
import {
  createNotificationActivities,
  type NotificationActivities,
} from '../../activities/notifications/notification.activities';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { trackingToken } from '../../services/cases/tracking-token';
import { startDevMailSink } from '../../scripts/services/dev-mail-sink';
import { freePort } from '../support/free-port';
import { confirmCaseContact, integrationConfig, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type ParsedMail, type SmtpListener } from '../support/smtp-listener';

const PUBLIC_URL = 'https://19115.test';

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field ? (Array.isArray(field) ? field : [field]) : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

function header(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * The notification activities against a real SMTP server and the run's PostgreSQL: every mail
 * is received and parsed as a mail client would, and the notifications table is read back.
 */
describe('notification e-mails to residents and staff', () => {
  const refused = new Set<string>();
  const warnings: { message: string; meta?: Record<string, unknown> }[] = [];
  let smtp: SmtpListener;
  let fixture: TestApp;
  let mailer: Mailer;
  let activities: NotificationActivities;
  // Units, users and numbers of this file only: other suites share the database.
  const tag = randomUUID().slice(0, 8);
  const unitCode = `NT-${tag}`;
  let sequence = Math.floor(Math.random() * 8_000_000) + 1_000_000;

  beforeAll(async () => {
    smtp = await startSmtpListener({ refuseRecipient: (address) => (refused.has(address) ? 550 : null) });
    fixture = await startTestApp({
      config: { SMTP_URL: smtp.url, MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>', PUBLIC_URL },
    });
    mailer = createMailer(fixture.config);
    activities = createNotificationActivities({
      orm: fixture.orm,
      mailer,
      config: fixture.config,
      logger: { warn: (message, meta) => warnings.push({ message, meta }) },
    });
    const db = fixture.orm.em.fork();
    await db.execute(`insert into units (code, name, name_en, email) values (?, ?, ?, ?)`, [
      unitCode,
      'Zarząd Testowy',
      'Test Authority',
      `unit-${tag}@city.test`,
    ]);
    const users: [string, string, string | null, boolean, string | null, boolean][] = [
      // username, role, unit, supervisor, email, active
      [`staff-${tag}`, 'UNIT_STAFF', unitCode, false, `staff-${tag}@city.test`, true],
      [`chief-${tag}`, 'UNIT_STAFF', unitCode, true, `chief-${tag}@city.test`, true],
      [`gone-${tag}`, 'UNIT_STAFF', unitCode, true, `gone-${tag}@city.test`, false],
      [`nomail-${tag}`, 'UNIT_STAFF', unitCode, false, null, true],
      [`manager-${tag}`, 'MANAGER', null, false, `manager-${tag}@city.test`, true],
    ];
    for (const [username, role, unit, supervisor, email, active] of users) {
      await db.execute(
        `insert into users (id, username, display_name, role, unit_code, is_supervisor, email, password_hash, active)
         values (?, ?, ?, ?, ?, ?, ?, 'not-a-hash', ?)`,
        [randomUUID(), username, username, role, unit, supervisor, email, active],
      );
    }
  });

  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    if (fixture) {
      const db = fixture.orm.em.fork();
      await db.execute(`delete from cases where unit_code = ?`, [unitCode]);
      await db.execute(`delete from users where username like ?`, [`%-${tag}`]);
      await db.execute(`delete from units where code = ?`, [unitCode]);
      await fixture.close();
    }
  });

  async function insertCase(fields: {
    language?: 'pl' | 'en';
    contactEmail?: string | null;
    status?: string;
    duplicateOf?: string | null;
    /** The resident confirmed the address (the link of the acknowledgement): it gets every mail. */
    confirmed?: boolean;
  }): Promise<{ id: string; number: string }> {
    const id = randomUUID();
    sequence += 1;
    const number = `${sequence}/98`;
    await fixture.orm.em.fork().execute(
      `insert into cases (id, number, kind, status, event_code, unit_code, district, channel, language,
                            description, contact_name, contact_email, duplicate_of, resolution_due_at)
         values (?, ?, 'INCIDENT', ?, 'POTHOLE', ?, 'Mokotów', 'PORTAL', ?, ?, ?, ?, ?, ?)`,
      [
        id,
        number,
        fields.status ?? 'FORWARDED',
        unitCode,
        fields.language ?? 'pl',
        'Dziura przed domem Anny Kowalskiej, Puławska 100',
        'Anna Kowalska',
        fields.contactEmail ?? null,
        fields.duplicateOf ?? null,
        new Date('2026-12-01T15:30:00Z'),
      ],
    );
    if (fields.confirmed) await confirmCaseContact(fixture, number);
    return { id, number };
  }

  const mailsOf = (number: string) => smtp.messages.filter((m) => header(m, 'x-civicflow-case') === number);
  const trackingOf = (c: { id: string; number: string }) =>
    `${PUBLIC_URL}/portal/track/${caseNumberToSlug(c.number)}?token=${trackingToken(fixture.config.secret, c.id)}`;

  async function rowsOf(caseId: string) {
    return fixture.orm.em.fork().execute<
      {
        recipient: string;
        status: string;
        message_id: string;
        error: string | null;
        sent_at: Date | null;
      }[]
    >(`select recipient, status, message_id, error, sent_at from notifications where case_id = ? order by recipient`, [caseId]);
  }

  it('acknowledges a case in the resident’s language with its number, tracking link and machine headers', async () => {
    const c = await insertCase({
      language: 'en',
      contactEmail: `Resident-${tag}@example.org`,
      confirmed: true,
    });
    const result = await activities.notifyResident({
      caseId: c.id,
      eventKey: 'acknowledged',
      template: 'ACKNOWLEDGED',
    });
    expect(result).toEqual({ sent: 1, skipped: 0, failed: 0 });

    const mail = await smtp.waitFor((m) => header(m, 'x-civicflow-case') === c.number);
    expect(addressesOf(mail.to)).toEqual([`resident-${tag}@example.org`]);
    expect(addressesOf(mail.from)).toEqual(['kontakt@19115.test']);
    expect(mail.subject).toBe(`[#${c.number}] We have received your request`);
    expect(mail.text).toContain(`registered as case ${c.number}`);
    expect(mail.text).toContain(trackingOf(c));
    expect(mail.html).toContain(`href="${trackingOf(c)}"`);
    expect(mail.text).not.toContain('/case-contacts/confirm');
    expect(header(mail, 'auto-submitted')).toBe('auto-generated');
    expect(mail.messageId).toMatch(new RegExp(`^<case-${c.id}-acknowledged-[0-9a-f]{16}@19115\\.test>$`));

    const rows = await rowsOf(c.id);
    expect(rows).toEqual([
      expect.objectContaining({
        recipient: `resident-${tag}@example.org`,
        status: 'SENT',
        message_id: mail.messageId,
        error: null,
      }),
    ]);
    expect(rows[0].sent_at).not.toBeNull();
  });

  it('asks an address not yet confirmed to confirm in the acknowledgement, without the tracking link, and withholds later mails', async () => {
    const c = await insertCase({ language: 'en', contactEmail: `Unproven-${tag}@example.org` });
    expect(
      await activities.notifyResident({ caseId: c.id, eventKey: 'acknowledged', template: 'ACKNOWLEDGED' }),
    ).toEqual({ sent: 1, skipped: 0, failed: 0 });
    const mail = await smtp.waitFor((m) => header(m, 'x-civicflow-case') === c.number);
    expect(mail.subject).toBe(`[#${c.number}] We have received your request`);
    expect(mail.text).toContain(`registered as case ${c.number}`);
    const link = `${PUBLIC_URL}/api/v1/public/case-contacts/confirm?token=${caseNumberToSlug(c.number)}.`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}`);
    expect(mail.text).toContain('We will e-mail you news on the case only after you have confirmed.');
    expect(mail.text).not.toContain(trackingOf(c));
    expect(mail.text).not.toContain(c.id);

    for (const [eventKey, template] of [
      ['v3', 'INFO_REQUESTED'],
      ['v5', 'ANSWERED'],
      ['v6', 'CLOSED'],
    ] as const) {
      expect(await activities.notifyResident({ caseId: c.id, eventKey, template, note: 'x' })).toEqual({
        sent: 0,
        skipped: 1,
        failed: 0,
      });
    }
    expect(mailsOf(c.number)).toHaveLength(1);
    expect((await rowsOf(c.id)).map((r) => r.status).sort()).toEqual([
      'SENT',
      'SKIPPED',
      'SKIPPED',
      'SKIPPED',
    ]);
  });

  it('sends the answer of a call answered on the spot, its only mail, to an address not yet confirmed, with the link', async () => {
    const c = await insertCase({ contactEmail: `caller-${tag}@example.org`, status: 'ANSWERED' });
    await fixture.orm.em.fork().execute(
      `insert into case_events (case_id, event_key, type, actor, status, is_public, note, payload)
       values (?, 'v2', 'ANSWERED', 'user:clerk', 'ANSWERED', true, ?, ?)`,
      [c.id, 'Urząd działa do 18:00.', JSON.stringify({ onIntake: true })],
    );
    expect(
      await activities.notifyResident({
        caseId: c.id,
        eventKey: 'v2',
        template: 'ANSWERED',
        note: 'Urząd działa do 18:00.',
      }),
    ).toEqual({ sent: 1, skipped: 0, failed: 0 });
    const mail = await smtp.waitFor((m) => header(m, 'x-civicflow-case') === c.number);
    expect(mail.text).toContain('Urząd działa do 18:00.');
    expect(mail.text).toContain('/api/v1/public/case-contacts/confirm?token=');
    expect(mail.text).not.toContain(trackingOf(c));
  });

  it('sends a mail once per event however often the activity runs, and again for a new event', async () => {
    const c = await insertCase({ contactEmail: `again-${tag}@example.org`, confirmed: true });
    const first = await activities.notifyResident({
      caseId: c.id,
      eventKey: 'v4',
      template: 'INFO_REQUESTED',
      note: 'Prosimy o zdjęcie miejsca.',
    });
    expect(first).toEqual({ sent: 1, skipped: 0, failed: 0 });
    const replay = await activities.notifyResident({
      caseId: c.id,
      eventKey: 'v4',
      template: 'INFO_REQUESTED',
      note: 'Prosimy o zdjęcie miejsca.',
    });
    expect(replay).toEqual({ sent: 0, skipped: 1, failed: 0 });
    expect(mailsOf(c.number)).toHaveLength(1);

    const mail = mailsOf(c.number)[0];
    expect(mail.subject).toBe(`[#${c.number}] Prosimy o uzupełnienie informacji`);
    expect(mail.text).toContain('Prosimy o zdjęcie miejsca.');

    await activities.notifyResident({ caseId: c.id, eventKey: 'v7', template: 'CLOSED' });
    expect(mailsOf(c.number).map((m) => m.subject)).toEqual([
      `[#${c.number}] Prosimy o uzupełnienie informacji`,
      `[#${c.number}] Sprawa została zamknięta`,
    ]);
  });

  it('sends nothing to a resident who left no e-mail address', async () => {
    const c = await insertCase({ contactEmail: null });
    expect(
      await activities.notifyResident({ caseId: c.id, eventKey: 'acknowledged', template: 'ACKNOWLEDGED' }),
    ).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(await rowsOf(c.id)).toEqual([]);
  });

  it('tells the residents of merged cases about the resolution of the case they joined, once each', async () => {
    const parent = await insertCase({
      language: 'pl',
      contactEmail: `parent-${tag}@example.org`,
      confirmed: true,
    });
    await insertCase({
      language: 'en',
      contactEmail: `child-${tag}@example.org`,
      status: 'MERGED',
      duplicateOf: parent.id,
      confirmed: true,
    });
    // The same person reported twice: one mail.
    await insertCase({ contactEmail: `PARENT-${tag}@example.org`, status: 'MERGED', duplicateOf: parent.id });
    // Marked as a possible duplicate but never merged: not this case's resident.
    await insertCase({
      contactEmail: `other-${tag}@example.org`,
      status: 'FORWARDED',
      duplicateOf: parent.id,
    });

    const result = await activities.notifyResident({
      caseId: parent.id,
      eventKey: 'v9',
      template: 'RESOLVED',
      note: 'Ubytek załatano.',
    });
    expect(result).toEqual({ sent: 2, skipped: 0, failed: 0 });

    const mails = mailsOf(parent.number);
    const byRecipient = new Map(mails.map((m) => [addressesOf(m.to)[0], m]));
    expect([...byRecipient.keys()].sort()).toEqual([`child-${tag}@example.org`, `parent-${tag}@example.org`]);
    expect(byRecipient.get(`parent-${tag}@example.org`)?.subject).toBe(
      `[#${parent.number}] Sprawa została załatwiona`,
    );
    const child = byRecipient.get(`child-${tag}@example.org`);
    expect(child?.subject).toBe(`[#${parent.number}] Your request has been resolved`);
    expect(child?.text).toContain('Ubytek załatano.');
    expect(child?.text).toContain(trackingOf(parent));
    expect(child?.messageId).not.toBe(byRecipient.get(`parent-${tag}@example.org`)?.messageId);
  });

  it('points the resident of a merged case to the tracking of the case it joined', async () => {
    const parent = await insertCase({ contactEmail: null });
    const child = await insertCase({
      language: 'en',
      contactEmail: `merged-${tag}@example.org`,
      status: 'MERGED',
      duplicateOf: parent.id,
      confirmed: true,
    });
    await activities.notifyResident({ caseId: child.id, eventKey: 'v3', template: 'MERGED' });
    const mail = await smtp.waitFor((m) => header(m, 'x-civicflow-case') === child.number);
    expect(mail.subject).toBe(`[#${child.number}] Your request has been merged with case ${parent.number}`);
    expect(mail.text).toContain(trackingOf(parent));
    expect(mail.text).not.toContain(trackingOf(child));
  });

  it('announces a forwarded case to the unit’s active people and mailbox, without the resident’s details', async () => {
    const c = await insertCase({ contactEmail: `private-${tag}@example.org` });
    const result = await activities.notifyStaff({ caseId: c.id, eventKey: 'v2', template: 'FORWARDED' });
    expect(result).toEqual({ sent: 3, skipped: 0, failed: 0 });

    const mails = mailsOf(c.number);
    expect(mails.map((m) => addressesOf(m.to)[0]).sort()).toEqual(
      [`chief-${tag}@city.test`, `staff-${tag}@city.test`, `unit-${tag}@city.test`].sort(),
    );
    for (const mail of mails) {
      expect(mail.subject).toBe(`[#${c.number}] Nowa sprawa dla jednostki: Zarząd Testowy`);
      expect(mail.text).toContain('Dziura w jezdni');
      expect(mail.text).toContain('Mokotów');
      expect(mail.text).toContain(`${PUBLIC_URL}/admin/#/cases/${c.id}/show`);
      expect(mail.text).not.toMatch(/Kowalsk|Puławska|private-/);
      expect(mail.html).not.toMatch(/Kowalsk|Puławska|private-/);
    }
  });

  it('warns the unit’s supervisors of a deadline, and adds the managers once it has passed', async () => {
    const c = await insertCase({ language: 'en', contactEmail: null });
    const managers = (
      await fixture.orm.em
        .fork()
        .execute<{ email: string }[]>(
          `select lower(email) as email from users where role = 'MANAGER' and active and email is not null`,
        )
    ).map((r) => r.email);
    expect(managers).toContain(`manager-${tag}@city.test`);

    await activities.notifyStaff({ caseId: c.id, eventKey: 'v5', template: 'SLA_WARNING' });
    const warning = mailsOf(c.number);
    expect(warning.map((m) => addressesOf(m.to)[0])).toEqual([`chief-${tag}@city.test`]);
    expect(warning[0].subject).toBe(`[#${c.number}] Case deadline approaching`);
    expect(warning[0].text).toContain('Resolution due: 1 Dec 2026, 16:30');

    await activities.notifyStaff({ caseId: c.id, eventKey: 'v6', template: 'SLA_BREACHED', level: 1 });
    await activities.notifyStaff({ caseId: c.id, eventKey: 'v7', template: 'SLA_ESCALATED', level: 2 });
    const later = mailsOf(c.number).slice(1);
    const recipientsOf = (subject: string) =>
      later
        .filter((m) => m.subject === subject)
        .map((m) => addressesOf(m.to)[0])
        .sort();
    const expected = [`chief-${tag}@city.test`, ...managers].sort();
    expect(recipientsOf(`[#${c.number}] Case deadline missed`)).toEqual(expected);
    expect(recipientsOf(`[#${c.number}] Case escalated (level 2)`)).toEqual(expected);
  });

  it('records a recipient the server refuses for good and still mails the others', async () => {
    const parent = await insertCase({ contactEmail: `reachable-${tag}@example.org`, confirmed: true });
    await insertCase({
      contactEmail: `bounced-${tag}@example.org`,
      status: 'MERGED',
      duplicateOf: parent.id,
      confirmed: true,
    });
    refused.add(`bounced-${tag}@example.org`);

    const result = await activities.notifyResident({
      caseId: parent.id,
      eventKey: 'v8',
      template: 'CLOSED',
    });
    expect(result).toEqual({ sent: 1, skipped: 0, failed: 1 });
    expect(mailsOf(parent.number).map((m) => addressesOf(m.to)[0])).toEqual([`reachable-${tag}@example.org`]);

    const rows = await rowsOf(parent.id);
    expect(rows.map((r) => [r.recipient, r.status])).toEqual([
      [`bounced-${tag}@example.org`, 'FAILED'],
      [`reachable-${tag}@example.org`, 'SENT'],
    ]);
    expect(rows[0].error).toMatch(/550/);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        meta: expect.objectContaining({ recipient: `bounced-${tag}@example.org`, responseCode: 550 }),
      }),
    );
  });

  it('marks a mail FAILED and throws when the server cannot be reached, and sends it on the retry', async () => {
    const c = await insertCase({ contactEmail: `retry-${tag}@example.org`, confirmed: true });
    const downConfig = integrationConfig({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, PUBLIC_URL });
    const downMailer = createMailer(downConfig);
    const down = createNotificationActivities({ orm: fixture.orm, mailer: downMailer, config: downConfig });
    await expect(down.notifyResident({ caseId: c.id, eventKey: 'v2', template: 'REOPENED' })).rejects.toThrow(
      /could not send REOPENED/,
    );
    await downMailer.close();
    expect((await rowsOf(c.id)).map((r) => r.status)).toEqual(['FAILED']);

    expect(await activities.notifyResident({ caseId: c.id, eventKey: 'v2', template: 'REOPENED' })).toEqual({
      sent: 1,
      skipped: 0,
      failed: 0,
    });
    expect((await rowsOf(c.id)).map((r) => [r.status, r.error])).toEqual([['SENT', null]]);
    expect(mailsOf(c.number)).toHaveLength(1);
  });

  it('names SMTP_URL when asked to send without it', async () => {
    const unconfigured = createMailer(integrationConfig({}));
    await expect(unconfigured.send({ to: 'a@example.org', subject: 's', text: 't' })).rejects.toThrow(
      /SMTP_URL/,
    );
  });
});

describe('the development mail sink', () => {
  it('keeps every message it receives as an .eml file with its envelope', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-mail-'));
    const sink = await startDevMailSink({ dir: path.join(dir, 'mail'), port: 0 });
    const mailer = createMailer(integrationConfig({ SMTP_URL: sink.url }));
    try {
      await mailer.send({
        to: 'resident@example.org',
        subject: '[#000001/26] Test',
        text: 'Zażółć gęślą jaźń',
      });
      const files = fs.readdirSync(path.join(dir, 'mail'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const raw = fs.readFileSync(path.join(dir, 'mail', files[0]), 'utf8');
      expect(raw).toMatch(
        /^X-Envelope-From: <kontakt@civicflow\.local>\r\nX-Envelope-To: <resident@example\.org>\r\n/,
      );
      expect(raw).toContain('Subject: [#000001/26] Test');
    } finally {
      await mailer.close();
      await sink.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
