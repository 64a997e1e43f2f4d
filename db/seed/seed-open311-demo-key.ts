import { randomUUID } from 'node:crypto';
import type { Orm } from '../orm';
import { hashApiKey } from '../../services/open311/open311-keys';

export const DEMO_OPEN311_CLIENT_NAME = 'Demo client';

/** The key hash of a demo client DEMO_DATA=false switched off: no key hashes to it. */
export const DEMO_KEY_OFF_PREFIX = 'demo-data-off:';

/**
 * The demo Open311 client, holding the configured demo key. Idempotent: a start with the same key
 * changes nothing; a start with another key moves the demo client to it, so the old demo key stops
 * working; a demo client an administrator deactivated stays deactivated.
 */
export async function seedOpen311DemoKey(orm: Orm, key: string): Promise<{ created: boolean }> {
  const hash = hashApiKey(key);
  return orm.em.fork().transactional(async (tx) => {
    // Two processes seeding at once would both insert: serialise them on the table.
    await tx.execute('lock table open311_clients in share row exclusive mode', [], 'run');
    const [holder] = await tx.execute<{ id: string }[]>(
      'select id from open311_clients where api_key_hash = ?',
      [hash],
    );
    if (holder) return { created: false };
    // A demo client switched off with DEMO_DATA=false comes back with it; one an administrator
    // deactivated stays off.
    const moved = await tx.execute<{ affectedRows?: number }>(
      `update open311_clients set api_key_hash = ?, active = active or api_key_hash like '${DEMO_KEY_OFF_PREFIX}%'
       where id = (select id from open311_clients where name = ? order by created_at limit 1)`,
      [hash, DEMO_OPEN311_CLIENT_NAME],
      'run',
    );
    if ((moved.affectedRows ?? 0) > 0) return { created: false };
    await tx.execute(
      'insert into open311_clients (id, name, api_key_hash) values (?, ?, ?)',
      [randomUUID(), DEMO_OPEN311_CLIENT_NAME, hash],
      'run',
    );
    return { created: true };
  });
}
