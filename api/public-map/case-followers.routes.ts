import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  confirmFollower,
  followCase,
  followerOf,
  unconfirmedFollowerOf,
  unsubscribeFollower,
} from '../../services/cases/case-followers';
import { createMailer } from '../../services/mail/mailer';
import type { AppDeps } from '../app';
import { caseNumberParams, followBody, followResponse, unsubscribeParams } from './public-map.schemas';
import { confirmFollowPage, unsubscribePage } from './unsubscribe-page';

/**
 * Following another resident's report (services/cases/case-followers.ts): a confirmation mail,
 * then a mail at each change of its outcome. Opening either link of those mails shows a button,
 * because mail scanners open links and a GET must change nothing. The unsubscribe POST also
 * serves RFC 8058 one-click unsubscribes.
 */
export const caseFollowerRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(rateLimit, { global: false });
    await app.register(formbody);
    const intakeLimit = {
      rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' },
    };
    const mailer = createMailer(deps.config);
    app.addHook('onClose', () => mailer.close());

    app.post(
      '/public/cases/:number/followers',
      {
        config: intakeLimit,
        schema: {
          tags: ['cases'],
          summary:
            'Follow a report: a confirmation mail goes to the address, which is then mailed when the status changes (resolved, closed...)',
          params: caseNumberParams,
          body: followBody,
          response: { 202: followResponse },
        },
      },
      async (request, reply) => {
        const { number } = await followCase(
          { ...deps, mailer },
          { slug: request.params.number, email: request.body.email, language: request.body.language },
          (error) =>
            request.log.warn({ err: error }, 'the confirmation mail of a new follower could not be sent'),
        );
        return reply.status(202).send({ number, following: true as const });
      },
    );

    app.get(
      '/public/followers/:token/confirm',
      {
        config: intakeLimit,
        schema: {
          tags: ['cases'],
          summary: 'The page of the link in a confirmation mail: asks to confirm following the report',
          params: unsubscribeParams,
        },
      },
      async (request, reply) => {
        const found = await unconfirmedFollowerOf(deps.orm, request.params.token);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!found) return reply.status(404).send(confirmFollowPage({ state: 'unknown', language: 'pl' }));
        return reply.send(
          confirmFollowPage({ state: 'confirm', language: found.language, caseNumber: found.number }),
        );
      },
    );

    app.post(
      '/public/followers/:token/confirm',
      {
        config: intakeLimit,
        schema: {
          tags: ['cases'],
          summary: 'Confirm following a report (the button of the confirmation page)',
          params: unsubscribeParams,
        },
      },
      async (request, reply) => {
        const found = await confirmFollower(deps.orm, request.params.token);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!found) return reply.status(404).send(confirmFollowPage({ state: 'unknown', language: 'pl' }));
        return reply.send(
          confirmFollowPage({ state: 'done', language: found.language, caseNumber: found.number }),
        );
      },
    );

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
        const found = await followerOf(deps.orm, request.params.token);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!found) return reply.status(404).send(unsubscribePage({ state: 'unknown', language: 'pl' }));
        return reply.send(
          unsubscribePage({ state: 'confirm', language: found.language, caseNumber: found.number }),
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
        const found = await unsubscribeFollower(deps.orm, request.params.token);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!found) return reply.status(404).send(unsubscribePage({ state: 'unknown', language: 'pl' }));
        return reply.send(
          unsubscribePage({ state: 'done', language: found.language, caseNumber: found.number }),
        );
      },
    );
  };
