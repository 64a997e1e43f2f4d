import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, configSchema, loadConfig } from '../../../config/config';

describe('configuration', () => {
  it('has working defaults for a development machine', () => {
    const config = loadConfig({});
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
    const config = loadConfig({ NODE_ENV: 'production', APP_SECRET: 'a-very-long-production-secret' });
    expect(config.secret).toBe('a-very-long-production-secret');
    expect(config.demo.enabled).toBe(false);
  });

  it('treats empty values as unset, as env files write them', () => {
    const config = loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '', PORT: '' });
    expect(config.database.url).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.http.port).toBe(3000);
  });

  it('expands ~ in the Temporal cache folder', () => {
    expect(loadConfig({ TEMPORAL_CACHE_DIR: '~/x/y' }).temporal.cacheDir).toBe(
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
