import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import nodemailer from 'nodemailer';
import { issueOpen311Client } from '../../services/open311/open311-keys';
import { caseNumberToSlug, caseWorkflowId } from '../../domain/cases/case-number';
import { startEmailIntake, type EmailIntake } from '../../intake/email/email-listener';
import { portalBuildConfig } from '../support/browser';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

const CONTACT_ADDRESS = 'prywatnosc-19115@19115.test';

/**
 * Issue 14's end-to-end privacy check: cases full of marked names, e-mail addresses, phone numbers
 * and words arrive through every channel (portal and mobile app API with and without consent, Open311, e-mail,
 * chat, a clerk's phone call); then every public surface (portal pages, map, nearby, public report,
 * Open311 JSON and XML, open data JSON and CSV, Atom feed) and the Temporal history as stored on
 * the server are read. No contact marker appears anywhere, and a case's words appear only where
 * its resident consented on a channel that publishes words.
 */
describe('privacy of every public surface, end to end', () => {
  let t: TestApp;
  let smtp: SmtpListener;
  let intake: EmailIntake;
  const tag = randomUUID().slice(0, 8);
  const contact = {
    name: `Hieronim Prywatny ${tag}`,
    email: `prywatny-${tag}@resident.test`,
    phone: `+48 607 ${tag.replace(/\D/g, '7').slice(0, 3)} 919`,
  };
  const words = {
    portal: `portal-bez-zgody-${tag}`,
    consented: `portal-za-zgoda-${tag}`,
    open311: `open311-bez-zgody-${tag}`,
    mobile: `aplikacja-bez-zgody-${tag}`,
    email: `mail-slowa-${tag}`,
    chat: `czat-slowa-${tag}`,
    phone: `telefon-slowa-${tag}`,
  };
  /** Must be nowhere public. */
  const secrets = [
    contact.name,
    contact.email,
    contact.phone,
    contact.phone.replace(/\s/g, ''),
    words.portal,
    words.open311,
    words.mobile,
    words.email,
    words.chat,
    words.phone,
  ];
  const numbers: Record<string, string> = {};
  const ids: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        // The portal's pages are among the surfaces read: built here when only the integration
        // project runs (the browser project's setup builds it otherwise, and it is then up to date).
        ...(await portalBuildConfig()),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>',
        MAIL_INTAKE_ADDRESSES: CONTACT_ADDRESS,
      },
    });
    intake = await startEmailIntake(
      { orm: t.orm, temporal: t.temporal, config: t.config, log: () => undefined },
      { port: 0, host: '127.0.0.1', sweepIntervalMs: 3_600_000, closeTimeoutMs: 100 },
    );
  });
  afterAll(async () => {
    await intake?.stop();
    await t?.close();
    await smtp?.close();
  });

  // Public answers name the case by number only; the back office's (a recorded call) carry its id.
  const filed = async (channel: string, body: { id?: string; number: string }) => {
    numbers[channel] = body.number;
    ids.push(body.id ?? (await caseIdOfNumber(t.orm, body.number)));
  };

  async function fileThroughEveryChannel(): Promise<void> {
    // Portal / app API, without and with consent.
    for (const [channel, description, consent, appChannel] of [
      ['portal', `Wyrwa w jezdni, ${words.portal}, dzwońcie ${contact.phone}`, false, 'PORTAL'],
      ['consented', `Wyrwa w chodniku, ${words.consented}`, true, 'PORTAL'],
      ['mobile', `Wyrwa przy przejściu, ${words.mobile}`, false, 'MOBILE'],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          channel: appChannel,
          kind: 'INCIDENT',
          eventCode: 'POTHOLE',
          district: 'Mokotów',
          description,
          contact,
          publicationConsent: consent,
          location: { lat: 52.1934 + Math.random() / 100, lon: 21.0345, street: 'Puławska', building: '140' },
        },
      });
      expect(response.statusCode).toBe(201);
      await filed(channel, response.json());
    }

    // Open311, an app of another vendor.
    const { apiKey } = await issueOpen311Client(t.orm, `Privacy e2e ${tag}`);
    const open311 = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'POTHOLE',
        lat: String(52.2 + Math.random() / 100),
        long: '21.01',
        description: `Dziura ${words.open311}`,
        email: contact.email,
        first_name: contact.name,
        phone: contact.phone,
      }).toString(),
    });
    expect(open311.statusCode).toBe(200);
    const [request] = open311.json<{ service_request_id: string }[]>();
    await filed('open311', { number: request.service_request_id });

    // E-mail through the real SMTP listener.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: intake.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail({
        from: `${contact.name} <${contact.email}>`,
        to: CONTACT_ADDRESS,
        subject: 'Zepsuta latarnia',
        text: `Na ulicy Chmielnej 5 nie świeci latarnia, ${words.email}.\n\n${contact.name}\ntel. ${contact.phone}`,
      });
    } finally {
      transport.close();
    }
    await intake.idle();
    const [mailCase] = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string; number: string }[]>(
        `select id, number from cases where channel = 'EMAIL' and contact_email = ?`,
        [contact.email],
      );
    expect(mailCase).toBeDefined();
    await filed('email', mailCase);

    // Chat: the resident leaves a message nobody took.
    const chat = await t.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      payload: { name: contact.name, email: contact.email },
    });
    expect(chat.statusCode).toBe(201);
    const { id: chatId, token } = chat.json<{ id: string; token: string }>();
    const left = await t.app.inject({
      method: 'POST',
      url: `/api/v1/chat/${chatId}/leave-message`,
      payload: {
        token,
        message: `Latarnia na Grójeckiej 100 nie świeci, ${words.chat}, tel. ${contact.phone}`,
        clientId: randomUUID(),
        email: contact.email,
      },
    });
    expect(left.statusCode).toBe(201);
    await filed('chat', left.json());

    // A clerk records a call.
    const call = await t.app.inject({
      method: 'POST',
      url: '/api/calls',
      headers: { authorization: await t.authorization('clerk') },
      payload: {
        caller: { name: contact.name, phone: contact.phone, email: contact.email },
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        location: { district: 'Ursus', street: 'Regulska', building: '12' },
        description: `Dziura na pasie do skrętu, ${words.phone}`,
        callStartedAt: new Date(Date.now() - 120_000).toISOString(),
        callEndedAt: new Date().toISOString(),
      },
    });
    expect(call.statusCode).toBe(201);
    await filed('phone', call.json());
  }

  it('shows no contact marker anywhere and words only where the resident consented', async () => {
    await fileThroughEveryChannel();
    // Every workflow has classified and sent on its case, so the public surfaces list them.
    await eventually(
      async () => {
        const rows = await t.orm.em
          .fork()
          .getConnection()
          .execute<{ status: string }[]>(
            `select status from cases where id in (${ids.map(() => '?').join(', ')})`,
            ids,
          );
        return rows.length === ids.length && rows.every((row) => row.status !== 'NEW');
      },
      { timeoutMs: 60_000, what: 'every case classified' },
    );

    const bodies: { surface: string; body: string }[] = [];
    const read = async (surface: string, url: string) => {
      const response = await t.app.inject(url);
      expect({ surface, status: response.statusCode }).toEqual({ surface, status: 200 });
      bodies.push({ surface, body: response.body });
      return response;
    };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());

    for (const page of ['/portal/', '/portal/map', '/portal/report']) await read(`portal page ${page}`, page);
    // The map, page after page.
    let next: string | null = '/api/v1/public/cases?limit=100';
    while (next) {
      const page: { next?: string | null; items?: unknown[] } = (await read('map', next)).json();
      next = page.next ? String(page.next).replace(/^https?:\/\/[^/]+/, '') : null;
    }
    for (const [channel, number] of Object.entries(numbers)) {
      if (channel === 'open311') continue;
      const slug = caseNumberToSlug(number);
      const report = await t.app.inject(`/api/v1/public/cases/${slug}`);
      // Cases without a place are not on the public report page; those with one are read.
      if (report.statusCode === 200) bodies.push({ surface: `public report ${channel}`, body: report.body });
      else expect(report.statusCode).toBe(404);
    }
    await read('nearby', '/api/v1/public/cases/nearby?lat=52.1984&lon=21.0345&event=POTHOLE&radius=1000');
    await read('nearby', '/api/v1/public/cases/nearby?lat=52.205&lon=21.01&event=POTHOLE&radius=1000');
    await read('Open311 JSON', '/open311/v2/requests.json');
    await read('Open311 XML', '/open311/v2/requests.xml');
    await read('Open311 one request', `/open311/v2/requests/${encodeURIComponent(numbers.open311)}.json`);
    await read('open data JSON', `/api/v1/open-data/notifications?from=${today}&to=${today}&pageSize=500`);
    await read('open data CSV', `/api/v1/open-data/notifications.csv?from=${today}&to=${today}`);
    await read('Atom feed', '/api/v1/announcements/feed.atom');
    await read('portal settings', '/api/v1/portal/settings');

    const everything = bodies.map((b) => b.body).join('\n');
    // The surfaces were read with the cases on them: the consenting resident's words are published.
    expect(everything).toContain(words.consented);
    for (const number of Object.values(numbers)) expect(everything).toContain(number);
    for (const { surface, body } of bodies) {
      for (const secret of secrets) {
        const decoded = body.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
        expect({ surface, leaked: decoded.includes(secret) ? secret : null }).toEqual({
          surface,
          leaked: null,
        });
      }
    }

    // Temporal's history as the server stores it: a client without the keys sees no marker.
    const connection = await Connection.connect({ address: t.config.temporal.address! });
    try {
      const raw = new Client({ connection, namespace: t.config.temporal.namespace });
      for (const id of ids) {
        const history = await raw.workflow.getHandle(caseWorkflowId(id)).fetchHistory();
        const stored = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('utf8');
        for (const secret of [...secrets, words.consented]) {
          expect({ id, leaked: stored.includes(secret) ? secret : null }).toEqual({ id, leaked: null });
        }
      }
    } finally {
      await connection.close();
    }
  }, 180_000);
});
