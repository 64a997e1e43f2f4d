import rateLimit from '@fastify/rate-limit';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import {
  changePasswordAndSignIn,
  endSession,
  signIn,
  type OpenedSession,
} from '../../services/auth/back-office-sessions';
import type { AppDeps } from '../app';
import { changePasswordBody, loginBody, loginResponse, sessionUser } from './auth.schemas';
import { authenticate } from './authenticate';

/** A throttled attempt says when to come back, in the header clients and proxies understand. */
async function withRetryAfter<T>(reply: FastifyReply, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    const seconds = error instanceof AppError ? error.details.retryAfterSeconds : undefined;
    if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
    throw error;
  }
}

export const authRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  // preHandler: the login limit keys on the username, which is known only once the body is parsed.
  await app.register(rateLimit, { max: 20, timeWindow: '1 minute', global: false, hook: 'preHandler' });

  // Keyed by address and username: a whole contact-center floor behind one NAT address signs in
  // at 8:00, while guessing one account's password stays throttled (and then locked).
  const perAddressAndUsername = {
    rateLimit: {
      max: 10,
      timeWindow: '1 minute',
      keyGenerator: (request: { ip: string; body?: unknown }) => {
        const body = request.body as { username?: unknown } | undefined;
        return `${request.ip}:${typeof body?.username === 'string' ? body.username.toLowerCase() : ''}`;
      },
    },
  };

  const signedIn = (session: OpenedSession) => {
    const token = app.jwt.sign(
      { sub: session.user.id, sid: session.sessionId },
      { expiresIn: deps.config.auth.sessionTtlMinutes * 60 },
    );
    return { token, expiresAt: session.expiresAt.toISOString(), user: session.user };
  };

  app.post(
    '/login',
    {
      config: perAddressAndUsername,
      schema: {
        tags: ['auth'],
        summary: 'Sign in to the back office',
        description:
          'A password an administrator set is temporary: the right one answers 403 PASSWORD_CHANGE_REQUIRED, ' +
          'and POST /api/auth/change-password signs in with a new one. Repeated failures answer 429 with Retry-After.',
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (request, reply) =>
      withRetryAfter(reply, async () =>
        signedIn(await signIn(deps, { ...request.body, address: request.ip })),
      ),
  );

  app.post(
    '/change-password',
    {
      config: { ...perAddressAndUsername, validationStatus: 422 },
      schema: {
        tags: ['auth'],
        summary: 'Choose a new password (required after an administrator set one) and sign in',
        body: changePasswordBody,
        response: { 200: loginResponse },
      },
    },
    async (request, reply) =>
      withRetryAfter(reply, async () =>
        signedIn(await changePasswordAndSignIn(deps, { ...request.body, address: request.ip })),
      ),
  );

  app.post(
    '/logout',
    { schema: { tags: ['auth'], summary: 'End the session of this token', response: { 204: z.null() } } },
    async (request, reply) => {
      await authenticate(deps, request);
      const { sid } = request.user;
      await endSession(deps.orm, sid);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: sessionUser } } },
    async (request) => authenticate(deps, request),
  );
};
