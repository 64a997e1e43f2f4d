import type { FastifyRequest } from 'fastify';
import type { UserRole } from '../../domain/auth/user-roles';
import { AppError } from '../../domain/errors';
import { sessionUserOf } from '../../services/auth/back-office-sessions';
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

/**
 * Checks the bearer token, then that its session is neither revoked, expired nor idle too long and
 * its user still active: a token alone is not enough once someone logs out, walks away from the
 * screen or an administrator locks the account.
 */
export async function authenticate(deps: AppDeps, request: FastifyRequest): Promise<SessionUser> {
  let claims: TokenClaims;
  try {
    claims = await request.jwtVerify<TokenClaims>();
  } catch {
    throw new AppError('UNAUTHENTICATED', 'Sign in first: the request has no valid bearer token');
  }
  return sessionUserOf(deps, claims);
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
