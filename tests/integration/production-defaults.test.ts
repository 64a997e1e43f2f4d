import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../../api/app';
import { authenticateOpen311Client } from '../../services/open311/open311-keys';
import { verifyPassword } from '../../services/auth/passwords';
import { createOrm, type Orm } from '../../db/orm';
import { createTemporalClient } from '../../services/temporal/temporal-client';
import { loadConfig } from '../../config/config';
import { ensureDatabase } from '../../scripts/services/embedded-postgres';
import { prepareDatabase } from '../../scripts/services/prepare-database';
import { integrationConfig, integrationOrm, startTestApp } from '../support/integration';
import { readTestServices } from '../support/test-services';

const ROOT = path.resolve(__dirname, '..', '..');

/** Production with the secrets it requires: every answer below was different there before. */
const PRODUCTION = {
  NODE_ENV: 'production',
  PASSWORD_HASH_COST: '17',
  TEMPORAL_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  WORKFLOW_ACTION_KEY: 'workflow-action-key-of-this-test-0123456789',
};

describe('production refuses unsafe defaults', () => {
  describe('rate limits key on the connecting address unless a trusted proxy forwarded the request', () => {
    const streets = (forwardedFor: string) => ({
      url: '/api/v1/places/streets?q=Marsza',
      headers: { 'x-forwarded-for': forwardedFor },
    });

    it('ignores X-Forwarded-For from a client when no proxy is trusted', async () => {
      const fixture = await startTestApp({ config: { ...PRODUCTION, TRACKING_RATE_LIMIT_PER_MINUTE: '2' } });
      try {
        const statuses = [];
        // A client naming a new address in every request is still one client.
        for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])
          statuses.push((await fixture.app.inject(streets(address))).statusCode);
        expect(statuses).toEqual([200, 200, 429, 429]);
      } finally {
        await fixture.close();
      }
    });

    it('counts the forwarded address when the request comes through a listed proxy', async () => {
      // app.inject connects from 127.0.0.1: here that is the city's reverse proxy.
      const fixture = await startTestApp({
        config: { ...PRODUCTION, TRACKING_RATE_LIMIT_PER_MINUTE: '2', TRUSTED_PROXIES: '127.0.0.1' },
      });
      try {
        const statuses = [];
        for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.1', '203.0.113.1'])
          statuses.push((await fixture.app.inject(streets(address))).statusCode);
        expect(statuses).toEqual([200, 200, 200, 429]);
      } finally {
        await fixture.close();
      }
    });
  });

  it('writes no token and no whole e-mail address to the log', async () => {
    const config = integrationConfig({ ...PRODUCTION, LOG_LEVEL: 'info' });
    const orm = integrationOrm(config);
    const temporal = createTemporalClient(config);
    const lines: string[] = [];
    const app = await buildApp(config, {
      orm,
      temporal,
      logDestination: { write: (line) => lines.push(line) },
    });
    try {
      const token = 'TrackingTokenNobodyMayRead0123';
      await app.inject(`/api/v1/cases/000001-26?token=${token}`);
      await app.inject(`/api/v1/bookings/00000000-0000-4000-8000-000000000000?token=${token}`);
      await app.inject(`/portal/track/000001-26?token=${token}&email=jan.kowalski%40example.org`);
      await app.inject({ url: `/api/v1/places/streets?q=x&contact=anna.nowak@example.org&api_key=${token}` });
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(4);
      expect(log).not.toContain(token);
      expect(log).not.toMatch(/jan\.kowalski|anna\.nowak/);
      // The lines are there, with the secrets taken out.
      expect(log).toContain('/api/v1/cases/000001-26?token=[redacted]');
      expect(log).toContain('email=j***%40example.org');
      expect(log).toContain('contact=a***@example.org');
    } finally {
      await app.close();
      await temporal.connection.close();
      await orm.close();
    }
  });

  it('serves no metrics in production without METRICS_TOKEN, and only with it when set', async () => {
    const withoutToken = await startTestApp({ config: PRODUCTION });
    const token = 'metrics-token-0123456789abcdef';
    const withToken = await startTestApp({ config: { ...PRODUCTION, METRICS_TOKEN: token } });
    try {
      const off = await withoutToken.app.inject('/metrics');
      expect(off.statusCode).toBe(404);
      expect(off.json()).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('METRICS_TOKEN'),
      });
      expect((await withToken.app.inject('/metrics')).statusCode).toBe(401);
      const on = await withToken.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(on.statusCode).toBe(200);
      expect(on.body).toContain('civicflow_http_requests_total');
    } finally {
      await withoutToken.close();
      await withToken.close();
    }
  });

  describe('demo data', () => {
    const services = readTestServices();
    const database = `civicflow_demo_switch_${process.pid}`;
    const url = new URL(services.adminDatabaseUrl);
    url.pathname = `/${database}`;
    const databaseUrl = url.toString();
    let orm: Orm;

    beforeAll(async () => {
      await ensureDatabase(services.adminDatabaseUrl, database);
      orm = createOrm(databaseUrl);
    });

    afterAll(async () => {
      await orm?.close();
      const admin = new pg.Client({ connectionString: services.adminDatabaseUrl });
      await admin.connect();
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.end();
    });

    function migrateProcess(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
          cwd: ROOT,
          // Only what a deployment would set: no TEMPORAL_ADDRESS, so the namespace step is skipped.
          env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, ...env },
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code, output }));
      });
    }

    async function demoState() {
      const em = orm.em.fork();
      const users = await em.execute<{ username: string; active: boolean; password_hash: string }[]>(
        `select username, active, password_hash from users where display_name like '% (demo)' order by username`,
      );
      const clients = await em.execute<{ active: boolean }[]>('select active from open311_clients');
      return { users, clients };
    }

    it('npm run migrate creates none, whatever DEMO_DATA says, and production refuses DEMO_DATA=true', async () => {
      const refused = await migrateProcess({
        ...PRODUCTION,
        APP_SECRET: 'a-production-secret-0123456789',
        DEMO_DATA: 'true',
      });
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(
        /DEMO_DATA: demo users, the demo Open311 key and the demo password are refused/,
      );

      const development = await migrateProcess({ NODE_ENV: 'development', DEMO_DATA: 'true' });
      expect(development.code).toBe(0);
      expect(development.output).toContain('npm run migrate never does');
      expect(await demoState()).toEqual({ users: [], clients: [] });
    });

    it('turning it off disables the demo users and the demo Open311 key; turning it on brings them back', async () => {
      const password = 'demo-password-of-this-test';
      const key = 'demo-open311-key-of-this-test';
      const development = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        DEMO_PASSWORD: password,
        DEMO_OPEN311_KEY: key,
        PASSWORD_HASH_COST: '10',
      });
      // npm start's path on its own database.
      await prepareDatabase(orm, development, () => {}, { createDemoData: true });
      const seeded = await demoState();
      expect(seeded.users.map((u) => u.username)).toEqual(
        expect.arrayContaining(['admin', 'clerk', 'manager']),
      );
      expect(seeded.users.every((u) => u.active)).toBe(true);
      expect(await verifyPassword(password, seeded.users[0].password_hash)).toBe(true);
      expect(await authenticateOpen311Client(orm, key)).not.toBeNull();
      const em = orm.em.fork();
      const [admin] = await em.execute<{ id: string }[]>(`select id from users where username = 'admin'`);
      const session = randomUUID();
      await em.execute(
        `insert into sessions (id, user_id, created_at, expires_at) values (?, ?, now(), now() + interval '1 hour')`,
        [session, admin.id],
        'run',
      );

      // The deployment's migrate job with demo data off (production's default).
      const production = await migrateProcess({
        ...PRODUCTION,
        APP_SECRET: 'a-production-secret-0123456789',
        DEMO_OPEN311_KEY: key,
      });
      expect(`${production.code} ${production.output}`).toMatch(/^0 /);
      expect(production.output).toMatch(/disabled \d+ demo user\(s\) and 1 demo Open311 client/);
      const off = await demoState();
      expect(off.users.length).toBe(seeded.users.length);
      expect(off.users.every((u) => !u.active)).toBe(true);
      for (const user of off.users) expect(await verifyPassword(password, user.password_hash)).toBe(false);
      expect(off.clients).toEqual([{ active: false }]);
      expect(await authenticateOpen311Client(orm, key)).toBeNull();
      const [revoked] = await em.execute<{ revoked: boolean }[]>(
        'select revoked_at is not null as revoked from sessions where id = ?',
        [session],
      );
      expect(revoked).toEqual({ revoked: true });

      await prepareDatabase(orm, development, () => {}, { createDemoData: true });
      const again = await demoState();
      expect(again.users.every((u) => u.active)).toBe(true);
      expect(await verifyPassword(password, again.users[0].password_hash)).toBe(true);
      expect(await authenticateOpen311Client(orm, key)).not.toBeNull();
    });
  });
});
