import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { attachmentPath } from '../../services/attachments/attachment-store';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { startEmailIntake, type EmailIntake } from '../../intake/email/email-listener';
import { eventually, settledHistory, startTestApp, type TestApp } from '../support/integration';
import { startTestMailIntake, type TestMailIntake } from '../support/mail-intake';
import { startSmtpListener, type ParsedMail, type SmtpListener } from '../support/smtp-listener';

const CONTACT_ADDRESS = '19115@19115.test';
const MAIL_FROM = 'Kontakt 19115 <kontakt@19115.test>';
/** The city's relay, whose verdict on a sender alone lets a reply into a case. */
const RELAY = 'mx.19115.test';
/** What the relay adds to a resident's mail from example.pl that passed DMARC. */
const AUTHENTICATED = { 'Authentication-Results': `${RELAY}; dmarc=pass (p=none) header.from=example.pl` };

interface InboundRow {
  id: string;
  status: string;
  reason: string | null;
  case_id: string | null;
}

interface CaseRow {
  id: string;
  number: string;
  status: string;
  kind: string;
  channel: string;
  language: string;
  description: string;
  contact_name: string | null;
  contact_email: string | null;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 1x1 PNG carrying a location in a tEXt chunk, as an editor may have left it. */
function pngWithLocation(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from('Comment\0GPS 52.2297 21.0122', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 30, 30]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The server's replies to a few raw SMTP lines: what nodemailer does not show (EHLO's extensions). */
async function smtpDialogue(port: number, commands: string[]): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let waiting: (() => void) | null = null;
  socket.on('data', (data) => {
    buffer += data.toString('utf8');
    // A reply is complete at a line whose code is followed by a space, not a dash.
    const match = /(^|\r\n)\d{3} [^\r\n]*\r\n$/.exec(buffer);
    if (match && waiting) {
      replies.push(buffer);
      buffer = '';
      const done = waiting;
      waiting = null;
      done();
    }
  });
  const reply = () => new Promise<void>((resolve) => (waiting = resolve));
  await reply();
  for (const command of commands) {
    const next = reply();
    socket.write(`${command}\r\n`);
    await next;
  }
  socket.end();
  return replies.slice(1);
}

/**
 * The e-mail channel end to end: real SMTP deliveries (nodemailer) to the intake listener, the
 * run's PostgreSQL and Temporal, and a worker that classifies, routes and mails the resident back
 * through a second real SMTP server, whose mails the resident then answers.
 */
describe('the e-mail channel', () => {
  let fixture: TestApp;
  let outbox: SmtpListener;
  let intake: EmailIntake;
  let mail: TestMailIntake;
  let transport: Transporter;
  const logs: string[] = [];
  // Senders of this file only: other suites share the database.
  const tag = randomUUID().slice(0, 8);
  const resident = `jan.kowalski.${tag}@example.pl`;

  beforeAll(async () => {
    outbox = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        SMTP_URL: outbox.url,
        MAIL_FROM,
        MAIL_INTAKE_ADDRESSES: `${CONTACT_ADDRESS}, kontakt@19115.test`,
        MAIL_INTAKE_MAX_BYTES: String(25 * 1024 * 1024),
        MAIL_TRUSTED_AUTHSERV_ID: RELAY,
      },
    });
    mail = await startTestMailIntake(fixture, { log: (line) => logs.push(line) });
    ({ intake, transport } = mail);
  });

  afterAll(async () => {
    await mail?.close();
    await fixture?.close();
    await outbox?.close();
  });

  const db = () => fixture.orm.em.fork().getConnection();

  async function deliver(message: Mail.Options): Promise<{ response: string; messageId: string }> {
    const messageId = message.messageId ?? `<${randomUUID()}@example.pl>`;
    const info = await transport.sendMail({ to: CONTACT_ADDRESS, ...message, messageId });
    await intake.idle();
    return { response: String(info.response), messageId };
  }

  async function inboundRow(messageId: string): Promise<InboundRow> {
    const [row] = await db().execute<InboundRow[]>(
      'select id, status, reason, case_id from inbound_emails where message_id = ?',
      [messageId],
    );
    return row;
  }

  async function casesFrom(address: string): Promise<CaseRow[]> {
    return db().execute<CaseRow[]>(
      `select id, number, status, kind, channel, language, description, contact_name, contact_email
       from cases where contact_email = ? order by created_at`,
      [address.toLowerCase()],
    );
  }

  async function eventsOf(
    caseId: string,
  ): Promise<{ type: string; note: string | null; payload: Record<string, unknown> }[]> {
    return db().execute('select type, note, payload from case_events where case_id = ? order by id', [
      caseId,
    ]);
  }

  const settled = (caseId: string) =>
    settledHistory(fixture.temporal.workflow.getHandle(caseWorkflowId(caseId)));

  /** The case once the workflow has classified it and sent it on (routed) or to a clerk (triage). */
  async function classified(caseId: string): Promise<CaseRow> {
    return eventually(
      async () => {
        const [row] = await db().execute<CaseRow[]>('select * from cases where id = ?', [caseId]);
        return ['FORWARDED', 'TRIAGE'].includes(row.status) ? row : null;
      },
      { what: `case ${caseId} classified` },
    );
  }

  let reportCase: CaseRow;
  let acknowledgement: ParsedMail;

  it('files a new report as a case of channel EMAIL, classified by the workflow, the sender as contact', async () => {
    const { response, messageId } = await deliver({
      from: `Jan Kowalski <${resident}>`,
      subject: 'Dziura w jezdni na Puławskiej',
      text:
        'Dzień dobry,\n\nna ulicy Puławskiej 12 jest duża dziura w jezdni, samochody ją omijają.\n\n' +
        '-- \nJan Kowalski\ntel. 600 100 200',
    });
    expect(response).toMatch(/^250 /);

    const row = await inboundRow(messageId);
    expect(row).toMatchObject({ status: 'PROCESSED' });
    const [created] = await casesFrom(resident);
    expect(row.case_id).toBe(created.id);

    reportCase = await classified(created.id);
    expect(reportCase).toMatchObject({
      channel: 'EMAIL',
      language: 'pl',
      contact_name: 'Jan Kowalski',
      contact_email: resident,
      description:
        'Dziura w jezdni na Puławskiej\n\nDzień dobry,\n\nna ulicy Puławskiej 12 jest duża dziura w jezdni, samochody ją omijają.',
    });
    const events = await eventsOf(reportCase.id);
    // The kind was left to the classifier: the intake did not claim one.
    expect(events.find((e) => e.type === 'CREATED')?.payload).toMatchObject({ channel: 'EMAIL', kind: null });
    expect(events.find((e) => e.type === 'CLASSIFIED')?.payload).toMatchObject({ source: 'MODEL' });

    acknowledgement = await outbox.waitFor(
      (mail) => mail.subject?.startsWith(`[#${reportCase.number}]`) === true,
      30_000,
    );
  });

  it("threads the resident's reply to our mail into the case as a resident message, not a new case", async () => {
    const { messageId } = await deliver({
      from: `Jan Kowalski <${resident}>`,
      subject: `Re: ${acknowledgement.subject}`,
      inReplyTo: acknowledgement.messageId,
      references: [acknowledgement.messageId!],
      headers: AUTHENTICATED,
      text: `Dziura jest coraz większa.\n\nW dniu 1.12.2026 o 10:00 Kontakt 19115 <kontakt@19115.test> pisze:\n> ${acknowledgement.text?.split('\n')[0]}`,
    });
    const row = await inboundRow(messageId);
    expect(row).toMatchObject({ status: 'PROCESSED', case_id: reportCase.id });

    const message = await eventually(
      async () => (await eventsOf(reportCase.id)).find((e) => e.type === 'RESIDENT_MESSAGE'),
      { what: 'resident message on the case' },
    );
    expect(message.note).toBe('Dziura jest coraz większa.');
    expect(await casesFrom(resident)).toHaveLength(1);

    // Processed again, as after a crash before the row was marked: Temporal drops the repeated signal.
    await db().execute(`update inbound_emails set status = 'RECEIVED', locked_until = null where id = ?`, [
      row.id,
    ]);
    await intake.sweep();
    expect(await inboundRow(messageId)).toMatchObject({ status: 'PROCESSED', case_id: reportCase.id });
    // A signal the server had taken would be in the history by now; once the workflow has handled
    // all of it, its timeline is final.
    await settled(reportCase.id);
    const messages = (await eventsOf(reportCase.id)).filter((e) => e.type === 'RESIDENT_MESSAGE');
    expect(messages).toHaveLength(1);
  });

  it('threads a reply by the case number in its subject alone', async () => {
    const before = (await eventsOf(reportCase.id)).filter((e) => e.type === 'RESIDENT_MESSAGE').length;
    await deliver({
      from: resident.toUpperCase(),
      subject: `Odp: [#${reportCase.number}] Przyjęliśmy zgłoszenie`,
      headers: AUTHENTICATED,
      text: 'Dodaję: dziura jest przy przejściu dla pieszych.',
    });
    const messages = await eventually(
      async () => {
        const found = (await eventsOf(reportCase.id)).filter((e) => e.type === 'RESIDENT_MESSAGE');
        return found.length > before ? found : null;
      },
      { what: 'second resident message' },
    );
    expect(messages.at(-1)?.note).toBe('Dodaję: dziura jest przy przejściu dla pieszych.');
    expect(await casesFrom(resident)).toHaveLength(1);
  });

  it("files a stranger's mail naming the case as a new case, leaving the case alone", async () => {
    const stranger = `obcy.${tag}@example.pl`;
    const residentMessages = async () =>
      (await eventsOf(reportCase.id)).filter((e) => e.type === 'RESIDENT_MESSAGE').length;
    const before = await residentMessages();
    const { messageId } = await deliver({
      from: stranger,
      subject: `[#${reportCase.number}] Też to widziałem`,
      text: 'Ta dziura jest też przed moim domem, ul. Puławska 14.',
    });
    const row = await inboundRow(messageId);
    expect(row.status).toBe('PROCESSED');
    expect(row.reason).toContain('not from its contact address');
    const [filed] = await casesFrom(stranger);
    expect(row.case_id).toBe(filed.id);
    await classified(filed.id);
    expect(await residentMessages()).toBe(before);
  });

  it('ignores auto-replies, bounces and our own mail coming back, with the reason recorded', async () => {
    const messagesBefore = (await eventsOf(reportCase.id)).filter(
      (e) => e.type === 'RESIDENT_MESSAGE',
    ).length;
    const outOfOffice = await deliver({
      from: resident,
      subject: `Automatyczna odpowiedź: [#${reportCase.number}] Przyjęliśmy zgłoszenie`,
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Jestem na urlopie do 15 grudnia.',
    });
    const vacation = await deliver({
      from: `urlop.${tag}@example.pl`,
      subject: 'Out of office',
      headers: { Precedence: 'auto_reply', 'X-Autoreply': 'yes' },
      text: 'I am away.',
    });
    const ourOwnMessageId = await deliver({
      messageId: acknowledgement.messageId,
      from: `petla.${tag}@example.pl`,
      subject: acknowledgement.subject,
      text: acknowledgement.text,
    });
    const fromOurAddress = await deliver({
      from: MAIL_FROM,
      subject: 'Przyjęliśmy zgłoszenie',
      text: 'Dziękujemy za zgłoszenie.',
    });
    const bounce = await deliver({
      envelope: { from: '', to: [CONTACT_ADDRESS] },
      from: `MAILER-DAEMON@mx.${tag}.example.pl`,
      subject: 'Undelivered Mail Returned to Sender',
      text: 'The mail system could not deliver your message.',
    });

    const expectations: [string, RegExp][] = [
      [outOfOffice.messageId, /^auto-reply: Auto-Submitted: auto-replied/],
      [vacation.messageId, /^auto-reply: Precedence: auto_reply/],
      [ourOwnMessageId.messageId, /^loop: Message-ID/],
      [fromOurAddress.messageId, /^loop: sent from our own address kontakt@19115\.test/],
      [bounce.messageId, /^bounce: empty envelope sender/],
    ];
    for (const [messageId, reason] of expectations) {
      const row = await inboundRow(messageId);
      expect(row).toMatchObject({ status: 'IGNORED', case_id: null });
      expect(row.reason).toMatch(reason);
      expect(logs.some((line) => line.includes(row.id) && line.includes('ignored'))).toBe(true);
    }
    for (const sender of [`urlop.${tag}@example.pl`, `petla.${tag}@example.pl`, 'kontakt@19115.test']) {
      expect(await casesFrom(sender)).toHaveLength(0);
    }
    expect(await casesFrom(resident)).toHaveLength(1);
    // Every mail was processed before deliver() returned: whatever they sent the case has reached
    // its history, and once the workflow has handled all of it, its timeline is final.
    await settled(reportCase.id);
    expect((await eventsOf(reportCase.id)).filter((e) => e.type === 'RESIDENT_MESSAGE')).toHaveLength(
      messagesBefore,
    );
  });

  it('refuses at SMTP level: another recipient 550 5.1.1, a 30 MB mail 552 5.3.4, a mail without From 550 5.6.0', async () => {
    const [ehlo] = await smtpDialogue(intake.port, ['EHLO relay.test', 'QUIT']);
    expect(ehlo).toMatch(new RegExp(`^250[- ]SIZE ${25 * 1024 * 1024}\r$`, 'm'));

    await expect(
      transport.sendMail({ from: resident, to: `someone.else.${tag}@19115.test`, subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('5.1.1') });

    const bigId = `<big-${tag}@example.pl>`;
    await expect(
      transport.sendMail({
        from: resident,
        to: CONTACT_ADDRESS,
        messageId: bigId,
        subject: 'Bardzo duże zdjęcie',
        text: 'W załączniku.',
        attachments: [{ filename: 'duze.bin', content: Buffer.alloc(30 * 1024 * 1024, 7) }],
      }),
    ).rejects.toMatchObject({ responseCode: 552, response: expect.stringContaining('5.3.4') });
    expect(await inboundRow(bigId)).toBeUndefined();

    const noFromId = `<nofrom-${tag}@example.pl>`;
    await expect(
      transport.sendMail({
        envelope: { from: resident, to: [CONTACT_ADDRESS] },
        raw: `To: ${CONTACT_ADDRESS}\r\nSubject: bez nadawcy\r\nMessage-ID: ${noFromId}\r\n\r\nTreść.\r\n`,
      }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('5.6.0') });
    expect(await inboundRow(noFromId)).toBeUndefined();
    expect(logs.some((line) => line.includes('refused malformed mail') && line.includes('no From'))).toBe(
      true,
    );
  });

  it('attaches an image attachment to the case, stripped, and lists what it could not attach', async () => {
    const sender = `zdjecie.${tag}@example.pl`;
    await deliver({
      from: `Anna Nowak <${sender}>`,
      subject: 'Przewrócone drzewo',
      html: '<p>Na ulicy <b>Grójeckiej</b> leży przewrócone drzewo.</p><script>alert("x")</script>',
      attachments: [
        { filename: 'drzewo.png', content: pngWithLocation(), contentType: 'image/png' },
        { filename: 'pismo.pdf', content: Buffer.from('%PDF-1.7\n%%EOF\n'), contentType: 'application/pdf' },
      ],
    });
    const [filed] = await casesFrom(sender);
    expect(filed.description).toBe(
      'Przewrócone drzewo\n\nNa ulicy Grójeckiej leży przewrócone drzewo.\n\n' +
        'Pominięte załączniki: pismo.pdf (nie jest obrazem JPEG, PNG ani WebP)',
    );
    const attachments = await db().execute<{ id: string; file_name: string; media_type: string }[]>(
      'select id, file_name, media_type from case_attachments where case_id = ?',
      [filed.id],
    );
    expect(attachments.map((a) => [a.file_name, a.media_type])).toEqual([['drzewo.png', 'image/png']]);
    const stored = fs.readFileSync(attachmentPath(fixture.config.attachmentsDir, attachments[0].id));
    expect(stored.toString('latin1')).not.toContain('52.2297');

    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}/attachments`,
      headers: { authorization: await fixture.authorization('admin') },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      expect.objectContaining({ fileName: 'drzewo.png', createdBy: 'resident' }),
    ]);
  });

  it('takes a mail whose subject and body carry control characters, and files it without them', async () => {
    const sender = `znaki.${tag}@example.pl`;
    const { response, messageId } = await deliver({
      from: sender,
      subject: 'Latarnia\u0000 nie\u0007 świeci',
      text: 'Przy Freta 5\u0000 nie świeci latarnia.\u001b',
    });
    expect(response).toMatch(/^250 /);
    const row = await eventually(
      async () => {
        const found = await inboundRow(messageId);
        return found?.status === 'PROCESSED' && found;
      },
      { what: 'the mail to be processed' },
    );
    const [created] = await casesFrom(sender);
    expect(row.case_id).toBe(created.id);
    expect(created.description).toBe('Latarnia nie świeci\n\nPrzy Freta 5 nie świeci latarnia.');
  });

  it('keeps one case when the relay delivers the same Message-ID again', async () => {
    const sender = `dwa.razy.${tag}@example.pl`;
    const message = {
      from: sender,
      messageId: `<twice-${tag}@example.pl>`,
      subject: 'Nie działa sygnalizacja świetlna',
      text: 'Na skrzyżowaniu Marszałkowskiej i Alej Jerozolimskich nie działa sygnalizacja.',
    };
    const first = await deliver(message);
    const second = await deliver(message);
    expect(first.response).toMatch(/^250 /);
    expect(second.response).toMatch(/^250 .*Already received/);
    const cases = await casesFrom(sender);
    expect(cases).toHaveLength(1);

    // The process died after filing the case but before marking the message: done again, same case.
    const row = await inboundRow(message.messageId);
    await db().execute(`update inbound_emails set status = 'RECEIVED', locked_until = null where id = ?`, [
      row.id,
    ]);
    await intake.sweep();
    const again = await inboundRow(message.messageId);
    expect(again).toMatchObject({ status: 'PROCESSED', case_id: cases[0].id });
    expect(again.reason).toContain('already filed');
    expect(await casesFrom(sender)).toHaveLength(1);
  });

  it('processes, after a restart, a message a crashed process stored but never processed', async () => {
    const sender = `po.awarii.${tag}@example.pl`;
    const messageId = `<crash-${tag}@example.pl>`;
    const built = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail({
      from: `Ewa Wiśniewska <${sender}>`,
      to: CONTACT_ADDRESS,
      messageId,
      subject: 'Nie świeci latarnia',
      text: 'Przy ul. Wolskiej 5 od tygodnia nie świeci latarnia.',
    });
    const raw = built.message as Buffer;
    // What the listener writes before its 250; the process then died before processing it.
    await db().execute(
      `insert into inbound_emails (id, message_id, sender, envelope_from, recipients, subject, raw, size_bytes, status)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED')`,
      [
        randomUUID(),
        messageId,
        sender,
        sender,
        JSON.stringify([CONTACT_ADDRESS]),
        'Nie świeci latarnia',
        raw,
        raw.length,
      ],
    );

    const restarted = await startEmailIntake(
      {
        orm: fixture.orm,
        temporal: fixture.temporal,
        config: fixture.config,
        log: (line) => logs.push(line),
      },
      { port: 0, host: '127.0.0.1', sweepIntervalMs: 3_600_000, closeTimeoutMs: 100 },
    );
    try {
      await restarted.idle();
    } finally {
      await restarted.stop();
    }
    const row = await inboundRow(messageId);
    expect(row.status).toBe('PROCESSED');
    const [filed] = await casesFrom(sender);
    expect(row.case_id).toBe(filed.id);
    expect(filed).toMatchObject({ channel: 'EMAIL', contact_name: 'Ewa Wiśniewska' });
    await classified(filed.id);
  });
});
