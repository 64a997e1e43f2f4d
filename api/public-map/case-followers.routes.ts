import { randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Case, CaseFollower } from '../../db/entities';
import { FINAL_STATUSES } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import type { AppDeps } from '../app';
import type { PublicCaseLookup } from './public-map.routes';
import { caseNumberParams, followBody, followResponse, unsubscribeParams } from './public-map.schemas';
import { unsubscribePage } from './unsubscribe-page';

/** A popular pothole may gather a street's worth of followers; a script must not gather thousands. */
export const MAX_FOLLOWERS_PER_CASE = 500;

/**
 * Following another resident's report: an address and a language, mailed (by the notification
 * activities) when the case is resolved, closed, reopened, merged or cancelled. Every mail carries
 * an unsubscribe link; opening it shows a confirmation button, because mail scanners open links
 * and a GET must not unsubscribe anyone. The POST also serves RFC 8058 one-click unsubscribes.
 */
export const caseFollowerRoutes =
  (deps: AppDeps, publicCase: PublicCaseLookup): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(rateLimit, { global: false });
    await app.register(formbody);
    const intakeLimit = {
      rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' },
    };

    app.post(
      '/public/cases/:number/followers',
      {
        config: intakeLimit,
        schema: {
          tags: ['cases'],
          summary: 'Follow a report: get an e-mail when its status changes (resolved, closed...)',
          params: caseNumberParams,
          body: followBody,
          response: { 202: followResponse },
        },
      },
      async (request, reply) => {
        const email = request.body.email.trim();
        const number = await deps.orm.em.fork().transactional(async (em) => {
          const row = await publicCase(em, request.params.number);
          if (FINAL_STATUSES.includes(row.status)) {
            throw new AppError(
              'INVALID_TRANSITION',
              `Case ${row.number} is ${row.status.toLowerCase()}: there is nothing more to follow`,
            );
          }
          // Serialises follows of one case, so the cap holds under concurrent requests.
          await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`case-followers:${row.id}`]);
          const [existing] = await em.execute<{ id: string }[]>(
            'select id from case_followers where case_id = ? and lower(email) = lower(?)',
            [row.id, email],
          );
          // Following twice is following: the answer never tells whether an address already follows.
          if (existing) return row.number;
          const count = await em.count(CaseFollower, { caseId: row.id });
          if (count >= MAX_FOLLOWERS_PER_CASE) {
            throw new AppError(
              'CONFLICT',
              `Case ${row.number} already has the maximum of ${MAX_FOLLOWERS_PER_CASE} followers`,
            );
          }
          em.create(CaseFollower, {
            caseId: row.id,
            email,
            language: request.body.language,
            unsubscribeToken: randomBytes(24).toString('base64url'),
          });
          await em.flush();
          return row.number;
        });
        return reply.status(202).send({ number, following: true as const });
      },
    );

    /** The follower of a token and their case's number, or a "link no longer valid" page. */
    async function followerOf(token: string) {
      const em = deps.orm.em.fork();
      const follower = await em.findOne(CaseFollower, { unsubscribeToken: token });
      const caseRow = follower
        ? await em.findOne(Case, { id: follower.caseId }, { fields: ['number'] })
        : null;
      return follower && caseRow ? { follower, number: caseRow.number } : null;
    }

    app.get(
      '/public/followers/:token/unsubscribe',
      {
        config: intakeLimit,
        schema: {
          tags: ['cases'],
          summary: 'The page of the unsubscribe link in a follower e-mail: asks to confirm',
          params: unsubscribeParams,
        },
      },
      async (request, reply) => {
        const found = await followerOf(request.params.token);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!found) return reply.status(404).send(unsubscribePage({ state: 'unknown', language: 'pl' }));
        return reply.send(
          unsubscribePage({ state: 'confirm', language: found.follower.language, caseNumber: found.number }),
        );
      },
    );

    app.post(
      '/public/followers/:token/unsubscribe',
      {
        config: intakeLimit,
        schema: {
          tags: ['cases'],
          summary: 'Stop following a report (the confirmation form, or a one-click unsubscribe)',
          params: unsubscribeParams,
        },
      },
      async (request, reply) => {
        const found = await followerOf(request.params.token);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!found) return reply.status(404).send(unsubscribePage({ state: 'unknown', language: 'pl' }));
        await deps.orm.em
          .fork()
          .nativeDelete(CaseFollower, { id: found.follower.id, unsubscribeToken: request.params.token });
        return reply.send(
          unsubscribePage({ state: 'done', language: found.follower.language, caseNumber: found.number }),
        );
      },
    );
  };
