import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config/config';
import { Session, User } from '../../db/entities';
import { AppError } from '../../domain/errors';
import type { ServiceDeps } from '../service-deps';
import { hashPassword, needsRehash, scryptParameters, verifyPassword } from './passwords';

type AuthSettings = Config['auth'];

/** How long an address the user signed in from still counts as theirs for the slow-down. */
const OWN_ADDRESS_DAYS = 30;

// Verifying against a throwaway hash of the configured cost keeps the answer time the same for
// unknown usernames; made once per cost, on first use (a hash at import would cost every process).
const decoys = new Map<number, Promise<string>>();
function decoyHash(cost: number): Promise<string> {
  let decoy = decoys.get(cost);
  if (!decoy) {
    decoy = hashPassword('decoy-password-never-matches', scryptParameters(cost));
    decoys.set(cost, decoy);
  }
  return decoy;
}

/** Addresses are keys, not data to keep: long IPv6 forms are cut to the column's width. */
function addressKey(address: string): string {
  return address.slice(0, 64);
}

function usernameKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 100);
}

function retryIn(seconds: number, what: string): AppError {
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new AppError('RATE_LIMITED', `${what}: try again in ${wait}`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Refuses an attempt while the (username, address) pair is locked, or while the username is being
 * guessed from many addresses and this is not one the user signed in from before. Keyed by the
 * username as typed, never by the account, so an unknown username is answered exactly as a real one.
 */
async function refuseThrottled(
  em: EntityManager,
  auth: AuthSettings,
  username: string,
  address: string,
): Promise<void> {
  const [locked] = await em.execute<{ seconds: number }[]>(
    `select ceil(extract(epoch from locked_until - now()))::int as seconds from login_failures
     where username = ? and client_address = ? and locked_until > now()`,
    [username, address],
  );
  if (locked) {
    throw retryIn(
      Math.max(1, locked.seconds),
      'Too many failed sign-ins with this username from this address',
    );
  }
  const [recent] = await em.execute<{ failures: number; seconds: number | null }[]>(
    `select coalesce(sum(recent_failures), 0)::int as failures,
            ceil(extract(epoch from max(last_failure_at) + make_interval(secs => ?) - now()))::int as seconds
     from login_failures where username = ? and window_started_at > now() - make_interval(mins => ?)`,
    [auth.slowdownSeconds, username, auth.lockMinutes],
  );
  if (!recent || recent.failures < auth.slowdownFailures || !recent.seconds || recent.seconds <= 0) return;
  // The real user, from where they signed in before, is not slowed down by someone else's guessing.
  const [own] = await em.execute(
    `select 1 from sessions s join users u on u.id = s.user_id
     where u.username = ? and s.client_address = ? and s.created_at > now() - make_interval(days => ?)
     limit 1`,
    [username, address, OWN_ADDRESS_DAYS],
  );
  if (own) return;
  throw retryIn(recent.seconds, 'Too many failed sign-ins with this username');
}

async function recordFailure(
  em: EntityManager,
  auth: AuthSettings,
  username: string,
  address: string,
  user: User | null,
): Promise<void> {
  const expired = `login_failures.window_started_at < now() - make_interval(mins => ${Number(auth.lockMinutes)})`;
  const [row] = await em.execute<{ failures: number }[]>(
    `insert into login_failures (username, client_address, failures, recent_failures, window_started_at, last_failure_at)
     values (?, ?, 1, 1, now(), now())
     on conflict (username, client_address) do update set
       failures = case when ${expired} then 1 else login_failures.failures + 1 end,
       recent_failures = case when ${expired} then 1 else login_failures.recent_failures + 1 end,
       window_started_at = case when ${expired} then now() else login_failures.window_started_at end,
       last_failure_at = now()
     returning failures`,
    [username, address],
  );
  const lock = row.failures >= auth.maxFailures;
  if (lock) {
    await em.execute(
      `update login_failures set failures = 0, locked_until = now() + make_interval(mins => ?)
       where username = ? and client_address = ?`,
      [auth.lockMinutes, username, address],
    );
  }
  // The account's own counters are what administrators see ("locked from some address").
  if (user) {
    await em.execute(
      `update users set failed_logins = failed_logins + 1,
         locked_until = case when ? then greatest(coalesce(locked_until, now()), now() + make_interval(mins => ?))
                        else locked_until end
       where id = ?`,
      [lock, auth.lockMinutes, user.id],
    );
  }
  // Rows of long-gone attempts (unknown usernames included) are not kept.
  await em.execute(`delete from login_failures where last_failure_at < now() - interval '1 day'`);
}

/** An administrator lifted the lock or set a new password: every address may try again. */
export async function clearLoginFailures(em: EntityManager, username: string): Promise<void> {
  await em.execute('delete from login_failures where username = ?', [usernameKey(username)]);
}

/**
 * Checks a username and password as the sign-in and the password change both do: throttled per
 * (username, address), slowed down per username, the same answer and time for unknown usernames.
 * A hash of an older, cheaper cost is replaced while the password is at hand.
 */
export async function checkCredentials(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  input: { username: string; password: string; address: string },
): Promise<User> {
  const auth = deps.config.auth;
  const username = usernameKey(input.username);
  const address = addressKey(input.address);
  const em = deps.orm.em.fork();
  await refuseThrottled(em, auth, username, address);
  const user = await em.findOne(User, { username });
  const valid = await verifyPassword(
    input.password,
    user?.passwordHash ?? (await decoyHash(auth.passwordHashCost)),
  );
  if (!user || !valid || !user.active) {
    await recordFailure(em, auth, username, address, user);
    throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
  }
  await em.execute('delete from login_failures where username = ? and client_address = ?', [
    username,
    address,
  ]);
  const wanted = scryptParameters(auth.passwordHashCost);
  if (needsRehash(user.passwordHash, wanted)) user.passwordHash = await hashPassword(input.password, wanted);
  user.failedLogins = 0;
  user.lockedUntil = null;
  await em.flush();
  return user;
}

/** A new session of the user, opened from this address. */
export async function openSession(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  user: User,
  address: string,
): Promise<Session> {
  const em = deps.orm.em.fork();
  const now = new Date();
  const session = em.create(Session, {
    id: randomUUID(),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    clientAddress: addressKey(address),
    expiresAt: new Date(now.getTime() + deps.config.auth.sessionTtlMinutes * 60_000),
  });
  await em.flush();
  return session;
}
