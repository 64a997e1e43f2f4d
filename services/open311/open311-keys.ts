import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../db/orm';

/** An Open311 client application, as the intake knows it after checking its key. */
export interface Open311ClientRef {
  id: string;
  name: string;
}

/**
 * The stored form of a key. A fast hash is enough: keys are 32 random bytes, not passwords people
 * choose, so there is nothing to guess; and a deterministic hash lets the key be looked up by index.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: shown to the administrator once, stored only as its hash. */
export function generateApiKey(): string {
  return `o311_${randomBytes(32).toString('base64url')}`;
}

/** Issues a key for a new client application (for the back office); the key is not kept anywhere. */
export function issueOpen311Client(orm: Orm, name: string): Promise<Open311ClientRef & { apiKey: string }> {
  return insertOpen311Client(orm.em.fork(), name);
}

/** The same within a transaction of the caller's (the back office records the change with it). */
export async function insertOpen311Client(
  em: EntityManager,
  name: string,
): Promise<Open311ClientRef & { apiKey: string }> {
  const apiKey = generateApiKey();
  const id = randomUUID();
  await em.execute(
    'insert into open311_clients (id, name, api_key_hash) values (?, ?, ?)',
    [id, name, hashApiKey(apiKey)],
    'run',
  );
  return { id, name, apiKey };
}

/**
 * The active client a key belongs to, or null. Finding it and recording its use is one statement,
 * so a busy client costs one round trip per request.
 */
export async function authenticateOpen311Client(orm: Orm, apiKey: string): Promise<Open311ClientRef | null> {
  const rows = await orm.em.fork().execute<Open311ClientRef[]>(
    `update open311_clients set last_used_at = now()
     where api_key_hash = ? and active
     returning id, name`,
    [hashApiKey(apiKey)],
  );
  return rows[0] ?? null;
}
