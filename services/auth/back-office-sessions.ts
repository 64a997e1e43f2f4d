import type { EntityManager } from '@mikro-orm/postgresql';
import { Session, User } from '../../db/entities';
import type { Orm } from '../../db/orm';
import type { SessionUser } from '../../domain/auth/session-user';
import { AppError, type FieldProblem } from '../../domain/errors';
import type { ServiceDeps } from '../service-deps';
import { hashPassword, scryptParameters, usernameInPassword } from './passwords';
import { checkCredentials, openSession } from './sign-in';

/** A session just opened: the API signs a token naming it. */
export interface OpenedSession {
  sessionId: string;
  expiresAt: Date;
  user: SessionUser;
}

export function toSessionUser(user: User): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitCode: user.unitCode ?? null,
    isSupervisor: user.isSupervisor,
  };
}

async function opened(deps: Pick<ServiceDeps, 'orm' | 'config'>, user: User, address: string) {
  const session = await openSession(deps, user, address);
  return { sessionId: session.id, expiresAt: session.expiresAt, user: toSessionUser(user) };
}

/** Signs in with a username and password; a password an administrator set must be changed first. */
export async function signIn(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  input: { username: string; password: string; address: string },
): Promise<OpenedSession> {
  const user = await checkCredentials(deps, input);
  if (user.mustChangePassword) {
    throw new AppError(
      'PASSWORD_CHANGE_REQUIRED',
      'This password was set by an administrator: choose a new password to sign in',
    );
  }
  return opened(deps, user, input.address);
}

/** Replaces the password (after checking the current one), ends every other session and signs in. */
export async function changePasswordAndSignIn(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  input: { username: string; currentPassword: string; newPassword: string; address: string },
): Promise<OpenedSession> {
  const { username, currentPassword, newPassword } = input;
  const user = await checkCredentials(deps, {
    username,
    password: currentPassword,
    address: input.address,
  });
  const problems: FieldProblem[] = [];
  if (newPassword === currentPassword)
    problems.push({ field: 'newPassword', message: 'must differ from the current password' });
  problems.push(...usernameInPassword('newPassword', newPassword, user.username));
  if (problems.length) {
    throw new AppError('UNPROCESSABLE', 'The new password cannot be used', { fields: problems });
  }
  const passwordHash = await hashPassword(newPassword, scryptParameters(deps.config.auth.passwordHashCost));
  await deps.orm.em.fork().transactional(async (tx) => {
    await tx.nativeUpdate(User, { id: user.id }, { passwordHash, mustChangePassword: false });
    // Whoever knew the old password is signed out with it.
    await revokeSessions(tx, user.id);
  });
  return opened(deps, user, input.address);
}

/** Ends every session of the user: a disabled account or a replaced password must not stay signed in. */
export async function revokeSessions(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(Session, { userId, revokedAt: null }, { revokedAt: new Date() });
}

/** Signs out: the session's token stops working. */
export async function endSession(orm: Orm, sessionId: string): Promise<void> {
  await orm.em.fork().nativeUpdate(Session, { id: sessionId, revokedAt: null }, { revokedAt: new Date() });
}

/**
 * The user of a token's session, once the session is neither revoked, expired nor idle too long
 * and its user still active: a token alone is not enough once someone logs out, walks away from
 * the screen or an administrator locks the account.
 */
export async function sessionUserOf(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  claims: { sub: string; sid: string },
): Promise<SessionUser> {
  const em = deps.orm.em.fork();
  const session = await em.findOne(Session, { id: claims.sid, userId: claims.sub });
  const now = new Date();
  if (!session || session.revokedAt || session.expiresAt <= now) {
    throw new AppError('UNAUTHENTICATED', 'The session has ended: sign in again');
  }
  const idleMs = deps.config.auth.sessionIdleMinutes * 60_000;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  if (idleFor >= idleMs) {
    throw new AppError(
      'UNAUTHENTICATED',
      `The session has ended after ${deps.config.auth.sessionIdleMinutes} minutes without activity: sign in again`,
    );
  }
  // Written coarsely: one row update a minute at most, not one per request of a busy back office.
  if (idleFor >= Math.min(60_000, idleMs / 4)) {
    await em.nativeUpdate(Session, { id: session.id }, { lastSeenAt: now });
  }
  const user = await em.findOne(User, { id: claims.sub, active: true });
  if (!user) throw new AppError('UNAUTHENTICATED', 'The account is disabled');
  return toSessionUser(user);
}
