import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Session, User } from '../../db/entities';
import { AppError } from '../../domain/errors';
import type { AppDeps } from '../app';
import { loginBody, loginResponse, sessionUser } from './auth.schemas';
import { authenticate, toSessionUser } from './authenticate';
import { hashPassword, verifyPassword } from './passwords';

// Verifying against a throwaway hash keeps the answer time the same for unknown usernames.
const decoyHash = hashPassword('decoy-password-never-matches');

export const authRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  // preHandler: the login limit keys on the username, which is known only once the body is parsed.
  await app.register(rateLimit, { max: 20, timeWindow: '1 minute', global: false, hook: 'preHandler' });

  app.post(
    '/login',
    {
      // Keyed by address and username: a whole contact-center floor behind one NAT address signs in
      // at 8:00, while guessing one account's password stays throttled (and then locked).
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (request) => {
            const body = request.body as { username?: unknown } | undefined;
            return `${request.ip}:${typeof body?.username === 'string' ? body.username.toLowerCase() : ''}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in to the back office',
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (request) => {
      const { username, password } = request.body;
      const em = deps.orm.em.fork();
      const user = await em.findOne(User, { username: username.toLowerCase() });
      const now = new Date();
      if (user?.lockedUntil && user.lockedUntil > now) {
        throw new AppError(
          'UNAUTHENTICATED',
          'The account is locked after repeated failed sign-ins; try again later',
          {
            lockedUntil: user.lockedUntil.toISOString(),
          },
        );
      }
      const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (!user || !valid || !user.active) {
        if (user) {
          user.failedLogins += 1;
          if (user.failedLogins >= deps.config.auth.maxFailures) {
            user.lockedUntil = new Date(now.getTime() + deps.config.auth.lockMinutes * 60_000);
            user.failedLogins = 0;
          }
          await em.flush();
        }
        throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
      }
      user.failedLogins = 0;
      user.lockedUntil = null;
      const session = em.create(Session, {
        id: randomUUID(),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + deps.config.auth.sessionTtlMinutes * 60_000),
      });
      await em.flush();
      const token = app.jwt.sign(
        { sub: user.id, sid: session.id },
        { expiresIn: deps.config.auth.sessionTtlMinutes * 60 },
      );
      return { token, expiresAt: session.expiresAt.toISOString(), user: toSessionUser(user) };
    },
  );

  app.post(
    '/logout',
    { schema: { tags: ['auth'], summary: 'End the session of this token', response: { 204: z.null() } } },
    async (request, reply) => {
      await authenticate(deps, request);
      const { sid } = request.user;
      await deps.orm.em.fork().nativeUpdate(Session, { id: sid, revokedAt: null }, { revokedAt: new Date() });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: sessionUser } } },
    async (request) => authenticate(deps, request),
  );
};
