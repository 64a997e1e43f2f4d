import type { FastifyRequest } from 'fastify';
import { Session, User, type UserRole } from '../../db/entities';
import { AppError } from '../../domain/errors';
import type { AppDeps } from '../app';
import type { SessionUser } from './auth.schemas';

export interface TokenClaims {
  sub: string;
  sid: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: TokenClaims;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: SessionUser;
  }
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

/**
 * Checks the bearer token, then that its session is neither revoked nor expired and its user still
 * active: a token alone is not enough once someone logs out or an administrator locks the account.
 */
export async function authenticate(deps: AppDeps, request: FastifyRequest): Promise<SessionUser> {
  let claims: TokenClaims;
  try {
    claims = await request.jwtVerify<TokenClaims>();
  } catch {
    throw new AppError('UNAUTHENTICATED', 'Sign in first: the request has no valid bearer token');
  }
  const em = deps.orm.em.fork();
  const session = await em.findOne(Session, { id: claims.sid, userId: claims.sub });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) {
    throw new AppError('UNAUTHENTICATED', 'The session has ended: sign in again');
  }
  const user = await em.findOne(User, { id: claims.sub, active: true });
  if (!user) throw new AppError('UNAUTHENTICATED', 'The account is disabled');
  return toSessionUser(user);
}

/** A preHandler that lets in only the given roles, and records who is asking. */
export function requireRole(deps: AppDeps, ...roles: UserRole[]) {
  return async (request: FastifyRequest) => {
    const user = await authenticate(deps, request);
    if (!roles.includes(user.role)) {
      throw new AppError('FORBIDDEN', `This needs one of the roles ${roles.join(', ')}`);
    }
    request.staff = user;
  };
}
