import { ConfigError, loadConfig } from '../../../config/config';

const key32 = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const production = {
  NODE_ENV: 'production',
  APP_SECRET: 'a-very-long-production-secret',
};

describe('the Temporal payload keys and the workflow action key in the configuration', () => {
  it('derives both from APP_SECRET in development and test, with a key id of the key’s fingerprint', () => {
    const one = loadConfig({ NODE_ENV: 'test', APP_SECRET: 'one-secret-0123456789' }).temporal;
    const two = loadConfig({ NODE_ENV: 'test', APP_SECRET: 'two-secret-0123456789' }).temporal;
    expect(one.payloadKeys).toHaveLength(1);
    expect(one.payloadKeys[0].key).toHaveLength(32);
    expect(one.payloadKeys[0].id).toMatch(/^derived-[0-9a-f]{8}$/);
    expect(two.payloadKeys[0].id).not.toBe(one.payloadKeys[0].id);
    expect(one.actionKey).not.toBe(two.actionKey);
    expect(one.actionKey.length).toBeGreaterThanOrEqual(32);
  });

  it('requires both outside development and test', () => {
    expect.assertions(2);
    try {
      loadConfig(production);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual([
        'TEMPORAL_PAYLOAD_KEYS',
        'WORKFLOW_ACTION_KEY',
      ]);
    }
  });

  it('reads the keys in order: the first encrypts, all decrypt', () => {
    const config = loadConfig({
      ...production,
      TEMPORAL_PAYLOAD_KEYS: ` k2026:${key32(1)} , k2025:${key32(2)}`,
      WORKFLOW_ACTION_KEY: 'a-production-workflow-action-key-0123456789',
    });
    expect(config.temporal.payloadKeys.map((k) => k.id)).toEqual(['k2026', 'k2025']);
    expect(config.temporal.payloadKeys[1].key.equals(Buffer.alloc(32, 2))).toBe(true);
    expect(config.temporal.actionKey).toBe('a-production-workflow-action-key-0123456789');
  });

  it.each([
    ['k1', /id:base64key/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /key "k1" must be 32 bytes/],
    [`k1:${key32(1)},k1:${key32(2)}`, /key id "k1" is listed twice/],
    [`bad id:${key32(1)}`, /id:base64key/],
  ])('refuses TEMPORAL_PAYLOAD_KEYS=%s naming the problem', (value, problem) => {
    expect(() => loadConfig({ NODE_ENV: 'test', TEMPORAL_PAYLOAD_KEYS: value })).toThrow(problem);
    expect(() => loadConfig({ NODE_ENV: 'test', TEMPORAL_PAYLOAD_KEYS: value })).toThrow(
      /TEMPORAL_PAYLOAD_KEYS/,
    );
  });

  it('refuses a short WORKFLOW_ACTION_KEY', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', WORKFLOW_ACTION_KEY: 'short' })).toThrow(
      /WORKFLOW_ACTION_KEY: must be at least 32 characters/,
    );
  });
});
