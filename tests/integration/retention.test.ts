import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { attachmentPath, writeAttachmentFile } from '../../services/attachments/attachment-store';
import { ANONYMISED_TEXT, applyRetention, startRetentionSchedule } from '../../worker/retention';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

const ROOT = path.join(__dirname, '..', '..');

interface CaseRow {
  kind: string;
  status: string;
  event_code: string | null;
  unit_code: string | null;
  district: string | null;
  street: string | null;
  building: string | null;
  description: string;
  lat: number | null;
  lon: number | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  /** Timestamps as PostgreSQL's text: raw queries do not convert them. */
  created_at: string;
  closed_at: string | null;
  anonymised_at: string | null;
}

/**
 * The retention policy on the run's PostgreSQL, with cases filed through the API and driven by a
 * real worker; only the passage of time (25 months, 100 days) is simulated by dating rows back.
 */
describe('retention: raw mail, closed cases and chats', () => {
  let fixture: TestApp;
  let outbox: SmtpListener;
  const tag = randomUUID().slice(0, 8);
  /** Stands for a resident's personal data: it must be gone from an anonymised case everywhere. */
  const marker = `Qzx${tag}`;

  beforeAll(async () => {
    outbox = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { SMTP_URL: outbox.url, RETENTION_RAW_MAIL_DAYS: '90', RETENTION_CLOSED_CASE_MONTHS: '24' },
    });
  });

  afterAll(async () => {
    await fixture?.close();
    await outbox?.close();
  });

  const db = () => fixture.orm.em.fork().getConnection();
  const policy = () => fixture.config.retention;
  const attachmentsDir = () => fixture.config.attachmentsDir;
  const photoOnDisk = randomUUID();

  async function fileAndCancel(description: string): Promise<string> {
    const filed = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description,
        district: 'Ochota',
        location: { lat: 52.219876, lon: 21.012345, street: 'Grójecka', building: '17' },
        contact: { name: `Jan ${marker}`, email: `jan.${marker}@example.pl`, phone: '+48 600 100 200' },
      },
    });
    expect(filed.statusCode).toBe(201);
    const id = await caseIdOfNumber(fixture.orm, filed.json<{ number: string }>().number);
    await eventually(async () => (await caseRow(id)).status === 'FORWARDED', {
      what: `case ${id} forwarded`,
    });
    const cancelled = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/actions/cancel`,
      headers: { authorization: await fixture.authorization('clerk') },
      payload: { note: `Pan ${marker} wycofał zgłoszenie telefonicznie` },
    });
    expect(cancelled.statusCode).toBe(200);
    await eventually(async () => (await caseRow(id)).closed_at !== null, { what: `case ${id} closed` });
    return id;
  }

  async function caseRow(id: string): Promise<CaseRow> {
    const [row] = await db().execute<CaseRow[]>(
      `select kind, status, event_code, unit_code, district, street, building, description, lat, lon,
         contact_name, contact_email, contact_phone, created_at, closed_at, anonymised_at
       from cases where id = ?`,
      [id],
    );
    return row;
  }

  async function insertChat(caseId: string | null, closedAgo: string): Promise<string> {
    const id = randomUUID();
    await db().execute(
      `insert into chat_sessions (id, resident_token_hash, resident_name, resident_email, status, outcome,
         closed_at, case_id)
       values (?, ?, ?, ?, 'CLOSED', ?, now() - ?::interval, ?)`,
      [
        id,
        'x'.repeat(64),
        `Jan ${marker}`,
        `jan.${marker}@example.pl`,
        caseId ? 'CASE' : 'ANSWERED',
        closedAgo,
        caseId,
      ],
    );
    await db().execute(
      `insert into chat_messages (session_id, seq, sender, text) values (?, 1, 'RESIDENT', ?), (?, 2, 'CLERK', ?)`,
      [id, `Mieszkam przy Grójeckiej 17, ${marker}`, id, 'Dziękuję, przyjąłem.'],
    );
    return id;
  }

  async function insertMail(opts: { status: string; processedAgo: string | null; caseId?: string }) {
    const id = randomUUID();
    await db().execute(
      `insert into inbound_emails (id, message_id, sender, envelope_from, recipients, subject, raw, size_bytes,
         received_at, status, processed_at, case_id)
       values (?, ?, ?, ?, '[]', ?, ?, 10, now() - interval '200 days', ?, now() - ?::interval, ?)`,
      [
        id,
        `<${randomUUID()}@example.pl>`,
        `jan.${marker}@example.pl`,
        `jan.${marker}@example.pl`,
        `Zgłoszenie ${marker}`,
        Buffer.from(`Subject: ${marker}`),
        opts.status,
        opts.processedAgo,
        opts.caseId ?? null,
      ],
    );
    return id;
  }

  const exists = async (table: string, id: string) =>
    (await db().execute<{ n: number }[]>(`select count(*)::int as n from ${table} where id = ?`, [id]))[0].n >
    0;

  let old: string;
  let recent: string;
  let oldChat: string;
  let recentChat: string;
  let caseChat: string;
  const mails: Record<string, string> = {};
  let before: CaseRow;

  beforeAll(async () => {
    old = await fileAndCancel(`Dziura przed moim domem, ${marker}, Grójecka 17`);
    recent = await fileAndCancel(`Dziura przed domem sąsiada, ${marker}`);
    // Twenty-five months have passed since the first case was closed.
    await db().execute(`update cases set closed_at = now() - interval '25 months' where id = ?`, [old]);
    // Both addresses were confirmed; only the recent case still names the second one afterwards.
    await db().execute(`update cases set contact_email = ? where id = ?`, [
      `stary.${marker}@example.pl`,
      old,
    ]);
    await db().execute(
      `insert into contact_confirmations (email, method, case_id) values (?, 'LINK', ?), (?, 'LINK', ?)`,
      [`stary.${marker}@example.pl`.toLowerCase(), old, `jan.${marker}@example.pl`.toLowerCase(), recent],
    );
    before = await caseRow(old);

    await db().execute(
      `insert into case_events (case_id, event_key, type, actor, status, is_public, note, payload, created_at)
       values (?, 'chat-transcript', 'CHAT_TRANSCRIPT', 'channel:CHAT', null, false, ?, ?, now())`,
      [old, `Rozmowa z ${marker}`, JSON.stringify({ outcome: 'CASE', messages: [{ seq: 1, text: marker }] })],
    );
    await db().execute(
      `insert into case_attachments (id, case_id, file_name, media_type, size_bytes, sha256, content, created_by)
       values (?, ?, 'dziura.png', 'image/png', 4, ?, ?, 'resident')`,
      [randomUUID(), old, 'a'.repeat(64), Buffer.from('fake')],
    );
    // A photo stored the current way: its bytes a file under ATTACHMENTS_DIR, none in the row.
    await writeAttachmentFile(attachmentsDir(), photoOnDisk, Buffer.from('file'));
    await db().execute(
      `insert into case_attachments (id, case_id, file_name, media_type, size_bytes, sha256, content, created_by)
       values (?, ?, 'plik.png', 'image/png', 4, ?, null, 'resident')`,
      [photoOnDisk, old, 'b'.repeat(64)],
    );
    await db().execute(`insert into case_followers (case_id, email, unsubscribe_token) values (?, ?, ?)`, [
      old,
      `sasiad.${marker}@example.pl`,
      randomUUID(),
    ]);
    await db().execute(
      `insert into case_ratings (case_id, score, comment, unit_code, event_code) values (?, 4, ?, 'ZDM', 'POTHOLE')`,
      [old, `Dziękuję, ${marker}`],
    );
    await db().execute(
      `insert into classification_corrections (case_id, text, kind, event_code, corrected_by)
       values (?, ?, 'INCIDENT', 'POTHOLE', 'clerk')`,
      [old, `Dziura przed moim domem, ${marker}`],
    );
    caseChat = await insertChat(old, '25 months');
    oldChat = await insertChat(null, '25 months');
    recentChat = await insertChat(null, '1 day');
    mails.oldProcessed = await insertMail({ status: 'PROCESSED', processedAgo: '100 days' });
    mails.oldIgnored = await insertMail({ status: 'IGNORED', processedAgo: '91 days' });
    mails.recentProcessed = await insertMail({ status: 'PROCESSED', processedAgo: '89 days' });
    mails.waiting = await insertMail({ status: 'RECEIVED', processedAgo: null });
    mails.ofOldCase = await insertMail({ status: 'PROCESSED', processedAgo: '1 day', caseId: old });
  });

  it('says what it would remove with --dry-run, and removes nothing', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts', 'retention.ts'), '--dry-run'],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'test',
          DATABASE_URL: fixture.config.database.url,
          APP_SECRET: 'integration-test-secret-0123456789',
        },
      },
    );
    expect(stdout).toContain(
      'retention: would delete 3 raw inbound mail(s) processed over 90 days ago; ' +
        'would anonymise 1 case(s) closed over 24 months ago and 2 chat(s)',
    );
    expect(
      await applyRetention(fixture.orm, policy(), { attachmentsDir: attachmentsDir(), dryRun: true }),
    ).toEqual({
      dryRun: true,
      rawMails: 3,
      cases: 1,
      chats: 2,
    });
    expect(await caseRow(old)).toEqual(before);
    expect(await exists('inbound_emails', mails.oldProcessed)).toBe(true);
  });

  it('deletes raw mail processed over RETENTION_RAW_MAIL_DAYS ago, keeping newer and unprocessed mail', async () => {
    const report = await applyRetention(fixture.orm, policy(), { attachmentsDir: attachmentsDir() });
    expect(report).toEqual({ dryRun: false, rawMails: 3, cases: 1, chats: 2 });
    expect(await exists('inbound_emails', mails.oldProcessed)).toBe(false);
    expect(await exists('inbound_emails', mails.oldIgnored)).toBe(false);
    expect(await exists('inbound_emails', mails.ofOldCase)).toBe(false);
    expect(await exists('inbound_emails', mails.recentProcessed)).toBe(true);
    expect(await exists('inbound_emails', mails.waiting)).toBe(true);
  });

  it('anonymises a case closed over RETENTION_CLOSED_CASE_MONTHS ago and keeps what statistics read', async () => {
    const after = await caseRow(old);
    expect(after).toEqual({
      ...before,
      description: ANONYMISED_TEXT,
      building: null,
      contact_name: null,
      contact_email: null,
      contact_phone: null,
      lat: 52.22,
      lon: 21.012,
      anonymised_at: expect.any(String),
    });
    expect(after).toMatchObject({
      kind: 'INCIDENT',
      event_code: 'POTHOLE',
      district: 'Ochota',
      status: 'CANCELLED',
    });

    const events = await db().execute<{ type: string; note: string | null; payload: unknown }[]>(
      'select type, note, payload from case_events where case_id = ? order by id',
      [old],
    );
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['CREATED', 'CANCELLED', 'CHAT_TRANSCRIPT']),
    );
    expect(JSON.stringify(events)).not.toContain(marker);
    expect(events.find((e) => e.type === 'CHAT_TRANSCRIPT')?.payload).toEqual({ outcome: 'CASE' });

    const leftovers = await db().execute<{ what: string; n: number }[]>(
      `select 'attachments' as what, count(*)::int as n from case_attachments where case_id = ?
       union all select 'followers', count(*)::int from case_followers where case_id = ?
       union all select 'notifications', count(*)::int from notifications where case_id = ?
       union all select 'corrections', count(*)::int from classification_corrections where case_id = ?
       union all select 'chat messages', count(*)::int from chat_messages where session_id = ?`,
      [old, old, old, old, caseChat],
    );
    expect(leftovers.filter((l) => l.n > 0)).toEqual([]);
    expect(fs.existsSync(attachmentPath(attachmentsDir(), photoOnDisk))).toBe(false);
    const confirmed = await db().execute<{ email: string }[]>(
      'select email from contact_confirmations where email like ?',
      [`%.${marker.toLowerCase()}@example.pl`],
    );
    expect(confirmed).toEqual([{ email: `jan.${marker}@example.pl`.toLowerCase() }]);
    const [rating] = await db().execute('select score, comment from case_ratings where case_id = ?', [old]);
    expect(rating).toEqual({ score: 4, comment: null });
  });

  it('anonymises the chats of such cases and chats without a case that ended as long ago, not newer ones', async () => {
    const chats = await db().execute<
      { id: string; resident_name: string | null; resident_email: string | null; messages: number }[]
    >(
      `select s.id, s.resident_name, s.resident_email,
         (select count(*)::int from chat_messages m where m.session_id = s.id) as messages
       from chat_sessions s where s.id in (?, ?, ?)`,
      [caseChat, oldChat, recentChat],
    );
    const byId = Object.fromEntries(chats.map((c) => [c.id, c]));
    for (const id of [caseChat, oldChat]) {
      expect(byId[id]).toMatchObject({ resident_name: null, resident_email: null, messages: 0 });
    }
    expect(byId[recentChat]).toMatchObject({ resident_name: `Jan ${marker}`, messages: 2 });
  });

  it('leaves a case closed recently alone, and a second run finds nothing more', async () => {
    expect((await caseRow(recent)).description).toContain(marker);
    expect((await caseRow(recent)).anonymised_at).toBeNull();
    expect(await applyRetention(fixture.orm, policy(), { attachmentsDir: attachmentsDir() })).toEqual({
      dryRun: false,
      rawMails: 0,
      cases: 0,
      chats: 0,
    });
  });

  it('runs in the worker on a schedule and logs what it removed', async () => {
    await db().execute(`update cases set closed_at = now() - interval '25 months' where id = ?`, [recent]);
    const lines: string[] = [];
    const schedule = startRetentionSchedule({
      orm: fixture.orm,
      config: fixture.config,
      log: (line) => lines.push(line),
      intervalMs: 3_600_000,
    });
    try {
      await eventually(async () => lines.length > 0, { what: 'the retention log line' });
    } finally {
      schedule.stop();
    }
    expect(lines).toEqual([
      'retention: deleted 0 raw inbound mail(s) processed over 90 days ago; ' +
        'anonymised 1 case(s) closed over 24 months ago and 0 chat(s)',
    ]);
    expect((await caseRow(recent)).description).toBe(ANONYMISED_TEXT);
  });
});
