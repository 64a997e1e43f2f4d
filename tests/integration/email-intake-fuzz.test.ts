import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Transporter } from 'nodemailer';
import { CONTROL_CHARACTER } from '../../domain/text/control-characters';
import type { EmailIntake } from '../../intake/email/email-listener';
import { startTestApp, type TestApp } from '../support/integration';
import { startTestMailIntake, type TestMailIntake } from '../support/mail-intake';

const CONTACT_ADDRESS = 'fuzz-19115@19115.test';

/**
 * Malformed MIME through the real SMTP listener: broken boundaries, unknown charsets and transfer
 * encodings, bad base64 and quoted-printable, NUL bytes and control characters in headers and
 * bodies, invalid UTF-8, dates outside any calendar, deep nesting, huge headers. Seeded and
 * bounded. Every message is answered for good (250, or a permanent 5xx that the relay bounces):
 * never a 4xx that would make the relay retry it forever; every stored message ends processed,
 * ignored or failed with a reason (none stays waiting for a retry), and no case holds a control
 * character. The listener still takes a well-formed mail afterwards.
 */
describe('the e-mail intake under malformed MIME', () => {
  let fixture: TestApp;
  let intake: EmailIntake;
  let mail: TestMailIntake;
  let transport: Transporter;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    fixture = await startTestApp({
      config: {
        MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>',
        MAIL_INTAKE_ADDRESSES: CONTACT_ADDRESS,
        // The quotas have a test of their own; here every message must reach the parser.
        MAIL_INTAKE_CASES_PER_SENDER_PER_HOUR: '100000',
        MAIL_INTAKE_CASES_PER_HOUR: '1000000',
      },
    });
    mail = await startTestMailIntake(fixture);
    ({ intake, transport } = mail);
  });
  afterAll(async () => {
    await mail?.close();
    await fixture?.close();
  });

  const bytes = (text: string) => Buffer.from(text, 'latin1');
  /** Any byte but CR and LF, so a line stays a line: NUL, controls, invalid UTF-8 sequences. */
  const rawLine = fc
    .uint8Array({ minLength: 0, maxLength: 60 })
    .map((array) => Buffer.from(array.filter((b) => b !== 10 && b !== 13)).toString('latin1'));
  const controlText = fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\u0001', '\u0008', '\u001b', '\u007f'))
    .map(([text, control]) => `${text}${control}${text}`);

  const from = fc.oneof(
    fc.constant(`Jan <jan.${tag}@example.pl>`),
    fc.constantFrom(
      '',
      'no address at all',
      '<@>',
      '"\u0000" <x@example.pl>',
      '=?utf-8?B?@@@@?= <broken.encoded@example.pl>',
      '=?x-unknown?Q?=ZZ?= <unknown.charset@example.pl>',
      `${'a'.repeat(5000)}@example.pl`,
      'a@b@c',
    ),
    controlText.map((name) => `${name} <control.${tag}@example.pl>`),
  );
  const subject = fc.oneof(
    fc.string({ maxLength: 40 }),
    controlText,
    rawLine,
    fc.constantFrom('=?utf-8?Q?=E2=82?=', '=?utf-8?B?////?=', '=?utf-7?B?KyZ-?=', 'x'.repeat(20_000)),
  );
  const extraHeader = fc.oneof(
    fc.constantFrom(
      'Date: Sat, 00 Xyz 0000 99:99:99 +9999',
      'Date: Fri, 31 Dec 9999 23:59:59 +0000',
      'In-Reply-To: <not-ours@example.pl>',
      'In-Reply-To: <\u0000@19115.test>',
      'References: ' + Array.from({ length: 500 }, (_, i) => `<r${i}@x>`).join(' '),
      'Message-ID: <\u0001bad@id>',
      'Message-ID: ',
      'Auto-Submitted: no',
      'Content-Disposition: attachment; filename="\u0000.exe"',
      `X-Long: ${'y'.repeat(50_000)}`,
    ),
    rawLine.map((line) => `X-Fuzz: ${line}`),
  );
  const contentType = fc.constantFrom(
    'text/plain; charset=utf-8',
    'text/plain; charset=x-unknown-charset',
    'text/plain; charset="utf-7"',
    'text/html; charset=iso-8859-2',
    'multipart/mixed',
    'multipart/mixed; boundary=',
    'multipart/mixed; boundary="never-appears"',
    'multipart/alternative; boundary="b1"',
    'image/jpeg',
    'application/octet-stream; name="\u0007.bin"',
    '',
    ';;;',
  );
  const encoding = fc.constantFrom(
    '7bit',
    '8bit',
    'base64',
    'quoted-printable',
    'x-uuencode',
    'binary',
    'gzip',
    '',
  );
  const body = fc.oneof(
    fc.string({ maxLength: 300 }),
    rawLine,
    controlText,
    fc.constantFrom(
      '=ZZ=\r\n=\r\n=E2=82',
      '!!!not base64!!!',
      'SGVsbG8=====',
      '--b1\r\nContent-Type: text/plain\r\n\r\nczęść bez końca',
      '--b1\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b1--',
      '<html><body><p>Dziura<script>alert(1)</script>',
    ),
    fc
      .integer({ min: 20, max: 120 })
      .map(
        (depth) =>
          Array.from(
            { length: depth },
            (_, i) => `--n${i}\r\nContent-Type: multipart/mixed; boundary="n${i + 1}"\r\n\r\n`,
          ).join('') + 'dno\r\n',
      ),
  );

  const message = fc
    .record({
      from,
      subject,
      headers: fc.array(extraHeader, { maxLength: 3 }),
      contentType,
      encoding,
      body,
    })
    .map(({ from, subject, headers, contentType, encoding, body }) =>
      bytes(
        [
          `From: ${from}`,
          `To: ${CONTACT_ADDRESS}`,
          `Subject: ${subject}`,
          `Message-ID: <${randomUUID()}@fuzz.example.pl>`,
          ...headers,
          'MIME-Version: 1.0',
          ...(contentType ? [`Content-Type: ${contentType}`] : []),
          ...(encoding ? [`Content-Transfer-Encoding: ${encoding}`] : []),
          '',
          body,
          '',
        ].join('\r\n'),
      ),
    );

  it('answers every malformed message for good and files none with control characters', async () => {
    const since = new Date();
    const answers = new Map<string, number>();
    const retried: string[] = [];
    const samples = fc.sample(message, { numRuns: 120, seed: 19115 });
    for (const [index, raw] of samples.entries()) {
      let answer: string;
      try {
        const info = await transport.sendMail({
          envelope: { from: `fuzz.${tag}.${index}@example.pl`, to: CONTACT_ADDRESS },
          raw,
        });
        answer = String(info.response);
      } catch (error) {
        answer = String((error as { response?: string }).response ?? error);
      }
      const code = answer.slice(0, 3);
      answers.set(code, (answers.get(code) ?? 0) + 1);
      if (!/^(250|5\d\d)$/.test(code)) {
        retried.push(`message ${index} answered "${answer}":\n${raw.toString('latin1').slice(0, 300)}`);
      }
    }
    expect(retried).toEqual([]);
    await intake.idle();
    await intake.sweep();
    const db = fixture.orm.em.fork().getConnection();
    const rows = await db.execute<{ status: string; reason: string | null; case_id: string | null }[]>(
      `select status, reason, case_id from inbound_emails where received_at >= ? and envelope_from like ?`,
      [since, `fuzz.${tag}.%`],
    );
    expect(rows.length).toBe(answers.get('250') ?? 0);
    const unsettled = rows.filter((row) => !['PROCESSED', 'IGNORED', 'FAILED'].includes(row.status));
    expect(unsettled).toEqual([]);
    for (const row of rows.filter((r) => r.status === 'FAILED'))
      expect(row.reason).toEqual(expect.any(String));

    const cases = await db.execute<
      { description: string; contact_name: string | null; contact_email: string | null }[]
    >(
      `select c.description, c.contact_name, c.contact_email from cases c
         join inbound_emails m on m.case_id = c.id where m.received_at >= ? and m.envelope_from like ?`,
      [since, `fuzz.${tag}.%`],
    );
    // Some messages are readable enough to become cases; those hold text a clerk can read.
    expect(cases.length).toBeGreaterThan(0);
    for (const row of cases) {
      for (const [field, text] of Object.entries(row)) {
        const found = CONTROL_CHARACTER.exec(text ?? '');
        const where = found && {
          field,
          codePoint: found[0].charCodeAt(0),
          text: JSON.stringify(text).slice(0, 120),
        };
        expect(where).toBeNull();
      }
    }

    // The listener survived all of it.
    const info = await transport.sendMail({
      from: `Jan <jan.after.${tag}@example.pl>`,
      to: CONTACT_ADDRESS,
      subject: 'Zepsuta latarnia',
      text: 'Na ulicy Chmielnej 5 nie świeci latarnia od tygodnia.',
    });
    expect(String(info.response)).toMatch(/^250 /);
  }, 180_000);
});
