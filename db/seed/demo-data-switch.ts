import type { Orm } from '../orm';
import { Unit } from '../entities';
import { hashApiKey } from '../../services/open311/open311-keys';
import { hashPassword, scryptParameters } from '../../services/auth/passwords';
import { demoUsersOf, displayName } from './seed-demo-data';
import { DEMO_KEY_OFF_PREFIX, DEMO_OPEN311_CLIENT_NAME } from './seed-open311-demo-key';

/** The password hash of a demo user DEMO_DATA=false switched off: no password verifies against it. */
export const DEMO_USER_OFF_HASH = '!demo-data-off';

/**
 * DEMO_DATA=false on a database that has demo data: the demo users (a demo username still under the
 * name it was created with) are deactivated, their password made unusable and their sessions
 * revoked; the demo Open311 client is deactivated and its key hash dropped, so the published key
 * opens nothing. Nothing is deleted: cases and audit entries keep pointing at them.
 */
export async function disableDemoData(
  orm: Orm,
  open311Key: string,
): Promise<{ users: number; open311Clients: number }> {
  return orm.em.fork().transactional(async (tx) => {
    const units = await tx.find(Unit, {}, { orderBy: { code: 'asc' } });
    const demoUsers = demoUsersOf(units);
    const users = await tx.execute<{ id: string }[]>(
      `update users set active = false, password_hash = ?
       where active and (username, display_name) in (${demoUsers.map(() => '(?, ?)').join(', ')})
       returning id`,
      [DEMO_USER_OFF_HASH, ...demoUsers.flatMap((u) => [u.username, displayName(u, units)])],
    );
    if (users.length) {
      await tx.execute(
        'update sessions set revoked_at = now() where revoked_at is null and user_id in (?)',
        [users.map((u) => u.id)],
        'run',
      );
    }
    const clients = await tx.execute<{ id: string }[]>(
      `update open311_clients set active = false, api_key_hash = ? || id
       where active and (name = ? or api_key_hash = ?)
       returning id`,
      [DEMO_KEY_OFF_PREFIX, DEMO_OPEN311_CLIENT_NAME, hashApiKey(open311Key)],
    );
    return { users: users.length, open311Clients: clients.length };
  });
}

/** DEMO_DATA on again: the demo users the switch turned off come back with the demo password. */
export async function restoreDemoUsers(
  orm: Orm,
  password: string,
  passwordHashCost?: number,
): Promise<number> {
  const em = orm.em.fork();
  const [off] = await em.execute<{ n: string }[]>('select count(*) as n from users where password_hash = ?', [
    DEMO_USER_OFF_HASH,
  ]);
  if (Number(off.n) === 0) return 0;
  const result = await em.execute<{ affectedRows?: number }>(
    'update users set active = true, password_hash = ? where password_hash = ?',
    [await hashPassword(password, scryptParameters(passwordHashCost)), DEMO_USER_OFF_HASH],
    'run',
  );
  return result.affectedRows ?? 0;
}
