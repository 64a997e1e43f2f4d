import { loadConfig } from '../../../config/config';
import {
  hashPassword,
  needsRehash,
  scryptParameters,
  verifyPassword,
} from '../../../services/auth/passwords';
import { isInternalAddress } from '../../../services/units/webhook-address';

describe('password hashes', () => {
  it('use scrypt at OWASP’s minimum by default (N=2^17, r=8, p=1), the parameters kept with the hash', async () => {
    expect(loadConfig({ NODE_ENV: 'development' }).auth.passwordHashCost).toBe(17);
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('refuse a cheaper cost outside tests', () => {
    expect(() => loadConfig({ NODE_ENV: 'development', PASSWORD_HASH_COST: '16' })).toThrow(
      /PASSWORD_HASH_COST: must be at least 17/,
    );
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: '10' }).auth.passwordHashCost).toBe(10);
  });

  it('are renewed when made with weaker parameters than configured', async () => {
    const old = await hashPassword('an old passphrase', { N: 2 ** 15, r: 8, p: 1 });
    expect(await verifyPassword('an old passphrase', old)).toBe(true);
    expect(needsRehash(old, scryptParameters())).toBe(true);
    expect(needsRehash(old, scryptParameters(15))).toBe(false);
    expect(needsRehash('not a hash', scryptParameters())).toBe(true);
    // A doctored hash asking for a gigabyte of memory is simply wrong, not a crash.
    expect(await verifyPassword('x', `scrypt$${2 ** 24}$8$1$c2FsdA$a2V5`)).toBe(false);
  });
});

describe('the addresses unit webhooks may not reach', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.20.30.40', true],
    ['172.31.255.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['93.184.215.14', false],
    ['172.32.0.1', false],
    ['2a00:1450:4001::200e', false],
  ])('%s is internal: %s', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });
});
