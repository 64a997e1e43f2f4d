import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { OWASP_SCRYPT_COST } from '../../config/config';
import type { FieldProblem } from '../../domain/errors';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;

export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
}

/** scrypt with N = 2^cost, r = 8, p = 1; the default cost is OWASP's minimum (N = 2^17). */
export function scryptParameters(cost = OWASP_SCRYPT_COST): ScryptParameters {
  return { N: 2 ** cost, r: 8, p: 1 };
}

// Far above any parameters we write, low enough that a doctored hash cannot ask for gigabytes.
const MAX_N = 2 ** 20;

/** scrypt needs 128·N·r bytes; Node refuses anything over maxmem (32 MiB by default, too little for 2^17). */
function maxmem({ N, r }: ScryptParameters): number {
  return 128 * N * r + 16 * 1024 * 1024;
}

/** `scrypt$N$r$p$salt$key`: the parameters travel with the hash, so they can grow without a migration. */
export async function hashPassword(
  password: string,
  parameters: ScryptParameters = scryptParameters(),
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { ...parameters, maxmem: maxmem(parameters) });
  return `scrypt$${parameters.N}$${parameters.r}$${parameters.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parse(stored: string): (ScryptParameters & { salt: Buffer; key: Buffer }) | null {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !key) return null;
  if (![parameters.N, parameters.r, parameters.p].every(Number.isSafeInteger)) return null;
  if (parameters.N > MAX_N || parameters.r > 32 || parameters.p > 16) return null;
  return { ...parameters, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { salt, key: expected, ...parameters } = parsed;
  const actual = await scrypt(password, salt, expected.length, {
    ...parameters,
    maxmem: maxmem(parameters),
  });
  return timingSafeEqual(expected, actual);
}

/** A hash made with weaker parameters than the ones configured now: rehash it at the next sign-in. */
export function needsRehash(stored: string, wanted: ScryptParameters): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N < wanted.N || parsed.r < wanted.r || parsed.p < wanted.p;
}

/** A password that spells out the username is the first one guessed: refused wherever one is set. */
export function usernameInPassword(field: string, password: string, username: string): FieldProblem[] {
  return password.toLowerCase().includes(username)
    ? [{ field, message: 'must not contain the username' }]
    : [];
}
