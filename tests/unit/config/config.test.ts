import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ConfigError,
  configSchema,
  isPublishedDevelopmentSecret,
  loadConfig,
  loadLocalStartConfig,
} from '../../../config/config';

/** Production also brings the Temporal keys (tests/unit/temporal/temporal-keys-config.test.ts). */
const PRODUCTION_TEMPORAL_KEYS = {
  TEMPORAL_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  WORKFLOW_ACTION_KEY: 'a-production-workflow-action-key-0123456789',
};

describe('configuration', () => {
  it('has working defaults for a development machine', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.temporal.namespace).toBe('civicflow');
    expect(config.temporal.cacheDir).toBe(path.join(os.homedir(), '.cache', 'civicflow'));
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.demo).toEqual({
      enabled: true,
      password: 'civicflow-demo',
      open311Key: 'civicflow-demo-key',
    });
  });

  it('names every invalid key in one error', () => {
    expect.assertions(3);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/x', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'DATABASE_URL',
        'LOG_LEVEL',
        'PORT',
      ]);
      expect((error as ConfigError).message).toContain('DATABASE_URL: must start with postgres://');
    }
  });

  it('refuses production without a secret of its own and turns demo data off there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET: required/);
    const config = loadConfig({
      NODE_ENV: 'production',
      APP_SECRET: 'a-very-long-production-secret',
      ...PRODUCTION_TEMPORAL_KEYS,
    });
    expect(config.secret).toBe('a-very-long-production-secret');
    expect(config.demo.enabled).toBe(false);
  });

  it('counts an unset NODE_ENV as production: no published secret, no demo data', () => {
    expect(() => loadConfig({})).toThrow(/APP_SECRET: required when NODE_ENV is unset/);
    expect(() => loadConfig({ NODE_ENV: '' })).toThrow(/APP_SECRET: required/);
    const config = loadConfig({ APP_SECRET: 'a-very-long-production-secret', ...PRODUCTION_TEMPORAL_KEYS });
    expect(config.env).toBe('production');
    expect(config.demo.enabled).toBe(false);
  });

  it('refuses the published development secret outside development and test', () => {
    const published = loadConfig({ NODE_ENV: 'development' }).secret;
    expect(isPublishedDevelopmentSecret(published)).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).secret).toBe(published);
    expect(() => loadConfig({ NODE_ENV: 'production', APP_SECRET: published })).toThrow(
      /APP_SECRET: the published development value is refused when NODE_ENV=production/,
    );
    expect(() => loadConfig({ APP_SECRET: published })).toThrow(
      /APP_SECRET: the published development value/,
    );
    expect(loadConfig({ NODE_ENV: 'development', APP_SECRET: published }).secret).toBe(published);
  });

  it('refuses demo data in production, naming DEMO_DATA with every other problem', () => {
    expect.assertions(3);
    try {
      loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'APP_SECRET',
        'DEMO_DATA',
      ]);
      expect((error as ConfigError).message).toMatch(
        /DEMO_DATA: demo users, the demo Open311 key and the demo password are refused/,
      );
    }
  });

  it('allows demo data in development and test, and production with it off', () => {
    expect(loadConfig({ NODE_ENV: 'development', DEMO_DATA: 'true' }).demo.enabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'yes' }).demo.enabled).toBe(true);
    const production = {
      NODE_ENV: 'production',
      APP_SECRET: 'a-very-long-production-secret',
      ...PRODUCTION_TEMPORAL_KEYS,
    };
    expect(() => loadConfig({ ...production, DEMO_DATA: '1' })).toThrow(/DEMO_DATA/);
    expect(loadConfig({ ...production, DEMO_DATA: 'false' }).demo.enabled).toBe(false);
  });

  it('lets npm start mean development only on the embedded database it runs itself', () => {
    const own = loadLocalStartConfig({});
    expect(own.env).toBe('development');
    expect(own.demo.enabled).toBe(true);
    expect(() => loadLocalStartConfig({ DATABASE_URL: 'postgresql://db.internal/civicflow' })).toThrow(
      /APP_SECRET: required when NODE_ENV is unset/,
    );
    expect(
      loadLocalStartConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgresql://localhost/dev' }).env,
    ).toBe('development');
    expect(() => loadLocalStartConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET: required/);
  });

  it('trusts no proxy by default and only the listed addresses or ranges otherwise', () => {
    const base = { NODE_ENV: 'test' };
    expect(loadConfig(base).http.trustedProxies).toEqual([]);
    expect(
      loadConfig({ ...base, TRUSTED_PROXIES: ' 10.0.0.1, 10.0.0.0/8,::1 , fd00::/8,loopback' }).http
        .trustedProxies,
    ).toEqual(['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    for (const bad of ['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/1', '*', '10.0.0.0/x'])
      expect(() => loadConfig({ ...base, TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES: must be/);
  });

  it('treats empty values as unset, as env files write them', () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: '', TEMPORAL_ADDRESS: '', PORT: '' });
    expect(config.database.url).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.http.port).toBe(3000);
  });

  it('expands ~ in the Temporal cache folder', () => {
    expect(loadConfig({ NODE_ENV: 'test', TEMPORAL_CACHE_DIR: '~/x/y' }).temporal.cacheDir).toBe(
      path.join(os.homedir(), 'x', 'y'),
    );
  });

  it('is documented key for key in .env.example', () => {
    const example = fs.readFileSync(path.join(__dirname, '..', '..', '..', '.env.example'), 'utf8');
    const documented = example
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(documented.sort()).toEqual(Object.keys(configSchema.shape).sort());
  });
});
