import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createUnitConnectorActivities } from '../../activities/connectors/unit-connector.activities';
import { createMailer, type Mailer } from '../../services/mail/mailer';
import { createNotificationActivities } from '../../activities/notifications/notification.activities';
import { hashPassword, scryptParameters } from '../../services/auth/passwords';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { freePort } from '../support/free-port';
import { caseIdOfNumber, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

const PUBLIC_URL = 'https://19115.test';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * Issue 14's accounts and smaller doors: who can lock or slow down whose sign-in, temporary
 * passwords and idle sessions, the cost of password hashes, followers who never asked for mail,
 * Idempotency-Keys of other clients, and unit webhooks that lead into the city's own network.
 */
describe('account hardening and the smaller doors', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestApp({
      demoUsers: true,
      config: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        MAIL_FROM: 'Kontakt 19115 <kontakt@19115.test>',
        LOGIN_MAX_FAILURES: '3',
        LOGIN_SLOWDOWN_FAILURES: '6',
        LOGIN_SLOWDOWN_SECONDS: '30',
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  const changePassword = (username: string, currentPassword: string, newPassword: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { username, currentPassword, newPassword },
    });

  async function insertUser(username: string, password: string, cost = t.config.auth.passwordHashCost) {
    const id = randomUUID();
    await t.orm.em
      .fork()
      .execute(
        `insert into users (id, username, display_name, role, password_hash) values (?, ?, 'Test user', 'CLERK', ?)`,
        [id, username, await hashPassword(password, scryptParameters(cost))],
      );
    return id;
  }

  async function fileCase(
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
    remoteAddress = '127.0.0.1',
  ) {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers,
      remoteAddress,
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: `Dziura w jezdni ${tag}`,
        district: 'Wola',
        location: { lat: 52.2361, lon: 20.9613, street: 'Wolska', building: '44' },
        ...extra,
      },
    });
  }

  describe('sign-in', () => {
    it('slows down a username guessed from many addresses, but not its user at their own address', async () => {
      const username = `slowdown-${tag}`;
      const password = 'the-right-passphrase';
      await insertUser(username, password);
      const own = '198.51.100.5';
      expect((await login(username, password, own)).statusCode).toBe(200);

      // Two wrong guesses from each of three addresses: no pair is locked (3), the username is slowed (6).
      const answers: Record<string, unknown>[] = [];
      for (const name of [username, `unknown-${tag}`]) {
        for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
          for (let guess = 0; guess < 2; guess += 1) {
            expect((await login(name, 'a-wrong-guess', address)).statusCode).toBe(401);
          }
        }
        const slowed = await login(name, name === username ? password : 'another-guess', '203.0.113.99');
        expect(slowed.statusCode).toBe(429);
        const retryAfter = Number(slowed.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(30);
        const { retryAfterSeconds: _seconds, ...body } = slowed.json();
        answers.push(body);
      }
      // The same answer whether the username exists or not.
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[0]).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/try again/) });
      // The user, where they signed in before, is not kept out by someone else's guessing.
      expect((await login(username, password, own)).statusCode).toBe(200);
    });

    it('hashes at OWASP’s minimum (scrypt N=2^17, r=8, p=1) by default and upgrades an older hash at sign-in', async () => {
      const strict = await startTestApp({ config: { PASSWORD_HASH_COST: '17' } });
      try {
        expect(strict.config.auth.passwordHashCost).toBe(17);
        const username = `rehash-${tag}`;
        // The cost every hash had before: N=2^15.
        const id = await insertUser(username, 'an-older-passphrase', 15);
        const signIn = () =>
          strict.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username, password: 'an-older-passphrase' },
          });
        expect((await signIn()).statusCode).toBe(200);
        const [row] = await strict.orm.em
          .fork()
          .execute<{ password_hash: string }[]>('select password_hash from users where id = ?', [id]);
        expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
        expect((await signIn()).statusCode).toBe(200);
      } finally {
        await strict.close();
      }
    });

    it('makes a password an administrator set temporary: the first sign-in chooses a new one', async () => {
      const admin = { authorization: await t.authorization('admin') };
      const username = `temporary.${tag}`;
      const temporary = 'set-by-the-administrator';
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username, displayName: 'Nowa Osoba', role: 'CLERK', password: temporary },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ mustChangePassword: true });
      const userId = created.json<{ id: string }>().id;

      const first = await login(username, temporary);
      expect(first.statusCode).toBe(403);
      expect(first.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
      expect(first.json().token).toBeUndefined();

      expect((await changePassword(username, 'not-the-temporary-one', 'my-own-passphrase')).statusCode).toBe(
        401,
      );
      const same = await changePassword(username, temporary, temporary);
      expect(same.statusCode).toBe(422);
      expect(same.json().errors).toHaveProperty('newPassword');
      expect((await changePassword(username, temporary, `${username}-is-me`)).statusCode).toBe(422);
      const changed = await changePassword(username, temporary, 'my-own-passphrase');
      expect(changed.statusCode).toBe(200);
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${changed.json<{ token: string }>().token}` },
      });
      expect(me.json()).toMatchObject({ username });
      expect((await login(username, temporary)).statusCode).toBe(401);
      expect((await login(username, 'my-own-passphrase')).statusCode).toBe(200);
      const record = await t.app.inject({ method: 'GET', url: `/api/users/${userId}`, headers: admin });
      expect(record.json()).toMatchObject({ mustChangePassword: false });

      const reset = await t.app.inject({
        method: 'POST',
        url: `/api/users/${userId}/reset-password`,
        headers: admin,
        payload: { password: 'another-temporary-one' },
      });
      expect(reset.json()).toMatchObject({ mustChangePassword: true });
      expect((await login(username, 'another-temporary-one')).json()).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
      });
    });

    it('ends a session left idle for SESSION_IDLE_MINUTES (30 by default) and keeps a used one alive', async () => {
      expect(t.config.auth.sessionIdleMinutes).toBe(30);
      const username = `idle-${tag}`;
      const userId = await insertUser(username, 'an-idle-passphrase');
      const signedIn = await login(username, 'an-idle-passphrase');
      const authorization = `Bearer ${signedIn.json<{ token: string }>().token}`;
      const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } });
      const db = t.orm.em.fork();
      const lastSeen = async () =>
        new Date(
          (
            await db.execute<{ last_seen_at: string }[]>(
              'select last_seen_at from sessions where user_id = ?',
              [userId],
            )
          )[0].last_seen_at,
        ).getTime();

      await db.execute(`update sessions set last_seen_at = now() - interval '29 minutes' where user_id = ?`, [
        userId,
      ]);
      expect((await me()).statusCode).toBe(200);
      expect(Date.now() - (await lastSeen())).toBeLessThan(60_000);

      await db.execute(`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ?`, [
        userId,
      ]);
      const idle = await me();
      expect(idle.statusCode).toBe(401);
      expect(idle.json().message).toMatch(/30 minutes without activity/);
    });
  });

  it('scopes Idempotency-Keys to the client and names no case in a conflict', async () => {
    const headers = { 'idempotency-key': `shared-key-${tag}` };
    const fromA = await fileCase({}, headers, '192.0.2.1');
    const fromB = await fileCase({}, headers, '192.0.2.2');
    expect([fromA.statusCode, fromB.statusCode]).toEqual([201, 201]);
    // The same key from another client is another request: its own case, not the first client's.
    expect(fromB.headers['idempotent-replayed']).toBeUndefined();
    expect(fromB.json().number).not.toBe(fromA.json().number);
    expect(fromB.json().trackingToken).not.toBe(fromA.json().trackingToken);
    const replay = await fileCase({}, headers, '192.0.2.1');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().number).toBe(fromA.json().number);

    const conflict = await fileCase({ description: 'Inna treść' }, headers, '192.0.2.2');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect(conflict.body).not.toContain(fromA.json().number);
    expect(conflict.body).not.toContain(fromB.json().number);
  });

  describe('followers', () => {
    let mailer: Mailer;
    beforeAll(() => {
      mailer = createMailer(t.config);
    });
    afterAll(async () => {
      await mailer?.close();
    });

    const mailsTo = (address: string) =>
      smtp.messages.filter((m) => JSON.stringify(m.to).includes(address)).map((m) => m.subject);

    it('mails a follower about the case only after the address confirmed through the link mailed to it', async () => {
      const filed = await fileCase();
      expect(filed.statusCode).toBe(201);
      const { number } = filed.json<{ number: string }>();
      const id = await caseIdOfNumber(t.orm, number);
      const stranger = `stranger-${tag}@resident.test`;
      const follow = (email: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/public/cases/${caseNumberToSlug(number)}/followers`,
          payload: { email, language: 'en' },
        });

      expect((await follow(stranger)).statusCode).toBe(202);
      const confirmation = await smtp.waitFor((m) => JSON.stringify(m.to).includes(stranger));
      expect(confirmation.subject).toBe(`Confirm following report ${number}`);
      const path = /https:\/\/19115\.test(\/api\/v1\/public\/followers\/[A-Za-z0-9_-]+\/confirm)/.exec(
        confirmation.text ?? '',
      )![1];
      // Following again at once sends no second mail (whoever typed the address cannot flood it).
      expect((await follow(stranger)).statusCode).toBe(202);
      expect((await follow(`sentinel-${tag}@resident.test`)).statusCode).toBe(202);
      await smtp.waitFor((m) => JSON.stringify(m.to).includes(`sentinel-${tag}@`));
      expect(mailsTo(stranger)).toHaveLength(1);

      const notifications = createNotificationActivities({ orm: t.orm, mailer, config: t.config });
      await notifications.notifyResident({ caseId: id, eventKey: `resolved-${tag}`, template: 'RESOLVED' });
      expect(mailsTo(stranger)).toEqual([`Confirm following report ${number}`]);

      // Opening the link (as mail scanners do) confirms nothing; the button does, once.
      const page = await t.app.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<form method="post">');
      const confirmedAt = async () =>
        (
          await t.orm.em
            .fork()
            .execute<{ confirmed_at: string | null }[]>(
              'select confirmed_at from case_followers where case_id = ? and email = ?',
              [id, stranger],
            )
        )[0].confirmed_at;
      expect(await confirmedAt()).toBeNull();
      const confirmed = await t.app.inject({ method: 'POST', url: path, headers: FORM, payload: '' });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.body).toContain(number);
      expect(await confirmedAt()).not.toBeNull();
      expect((await t.app.inject({ method: 'POST', url: path, headers: FORM, payload: '' })).statusCode).toBe(
        404,
      );

      await notifications.notifyResident({ caseId: id, eventKey: `closed-${tag}`, template: 'CLOSED' });
      expect(mailsTo(stranger)).toEqual([
        `Confirm following report ${number}`,
        `Report ${number} you follow has been closed`,
      ]);
      // The sentinel never confirmed: it got its confirmation and nothing else.
      expect(mailsTo(`sentinel-${tag}@`)).toHaveLength(1);
    });
  });

  describe('unit webhooks', () => {
    const hits: string[] = [];
    let system: http.Server;
    let port: number;
    let caseId: string;
    const unitCode = `HARD-${tag.toUpperCase()}`;

    beforeAll(async () => {
      port = await freePort();
      system = http.createServer((request, response) => {
        hits.push(request.url ?? '');
        request.resume();
        if (request.url === '/moved') {
          response.writeHead(302, { location: `http://127.0.0.1:${port}/internal-admin` }).end();
        } else response.writeHead(201).end();
      });
      await new Promise<void>((resolve) => system.listen(port, '127.0.0.1', resolve));
      await t.orm.em
        .fork()
        .execute(
          `insert into units (code, name, name_en, active) values (?, 'Jednostka testowa', 'Test unit', true)`,
          [unitCode],
        );
      caseId = await caseIdOfNumber(t.orm, (await fileCase()).json<{ number: string }>().number);
    });

    afterAll(async () => {
      await new Promise((resolve) => system?.close(resolve));
    });

    async function deliver(webhookUrl: string, allowedHosts: string[]) {
      // Written straight to the table, as a row from before the back office checked URLs would be.
      await t.orm.em
        .fork()
        .execute('update units set webhook_url = ?, webhook_secret = ? where code = ?', [
          webhookUrl,
          'a-webhook-secret-of-the-unit',
          unitCode,
        ]);
      const connector = createUnitConnectorActivities({ orm: t.orm, publicUrl: PUBLIC_URL, allowedHosts });
      return connector.sendCaseToUnitSystem({ caseId, unitCode, forwarding: 1 });
    }

    it('refuses loopback and internal addresses, by address or by name, unless allow-listed', async () => {
      await expect(deliver(`http://127.0.0.1:${port}/hook`, [])).rejects.toMatchObject({
        type: 'UNIT_WEBHOOK_FORBIDDEN',
        nonRetryable: true,
      });
      await expect(deliver(`http://localhost:${port}/hook`, [])).rejects.toMatchObject({
        type: 'UNIT_WEBHOOK_FORBIDDEN',
      });
      expect(hits).toEqual([]);
      await expect(deliver(`http://127.0.0.1:${port}/hook`, ['127.0.0.1'])).resolves.toMatchObject({
        sent: true,
      });
      expect(hits).toEqual(['/hook']);
    });

    it('follows no redirect', async () => {
      hits.length = 0;
      await expect(deliver(`http://127.0.0.1:${port}/moved`, ['127.0.0.1'])).rejects.toMatchObject({
        type: 'UNIT_SYSTEM_REFUSED',
        nonRetryable: true,
        message: expect.stringMatching(/redirects are not followed/),
      });
      expect(hits).toEqual(['/moved']);
    });

    it('refuses such webhook URLs in the back office, naming the field', async () => {
      const admin = { authorization: await t.authorization('admin') };
      const save = (webhookUrl: string) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/units/${unitCode}`,
          headers: admin,
          payload: { webhookUrl, webhookSecret: 'a-webhook-secret-of-the-unit' },
        });
      for (const url of [
        'http://169.254.169.254/latest/meta-data',
        'http://localhost:8080/hook',
        'http://10.1.2.3/hook',
        'http://[::1]/hook',
        'http://[::ffff:127.0.0.1]/hook',
      ]) {
        const refused = await save(url);
        expect({ url, status: refused.statusCode }).toEqual({ url, status: 422 });
        expect(refused.json().errors).toHaveProperty('webhookUrl');
      }
      expect((await save('https://93.184.215.14/hook')).statusCode).toBe(200);
    });
  });
});
