import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { authenticate, requireRole } from '../../auth/authenticate';
import { createCaseChangeFeed, mayHearOf } from '../../../services/cases/case-change-feed';

/** Below the 30 to 60 seconds after which proxies and load balancers drop a silent connection. */
export const HEARTBEAT_MS = 25_000;

const sseEvent = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * `GET /api/cases/changes`: server-sent events telling the back office which cases changed, so
 * lists and the open case refresh by themselves. Fed by the 'case_changes' notifications of
 * PostgreSQL through one listening connection.
 */
export const caseChangeRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const feed = createCaseChangeFeed(deps, app.log);
  /** Open streams and how to let each go. */
  const streams = new Map<ServerResponse, () => void>();
  // Open streams never end by themselves: end them, or closing the server waits for them forever.
  app.addHook('preClose', async () => {
    for (const [stream, release] of streams) {
      release();
      stream.end();
    }
  });
  app.addHook('onClose', async () => feed.close());

  app.get(
    '/cases/changes',
    {
      preHandler: requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF'),
      schema: {
        tags: ['back office'],
        summary: 'Server-sent events: cases that changed',
        description:
          'A text/event-stream that stays open: `ready` once listening, then `case` with ' +
          '`{id, number, status, unitCode}` for every case written that the user may see (unit staff: ' +
          'their unit only), `resync` after the server lost changes and everything should reload, ' +
          `and a comment line every ${HEARTBEAT_MS / 1000} s. Ends when the session ends. ` +
          'Send the bearer token in the Authorization header (read the stream with fetch()).',
        security: [{ bearerAuth: [] }],
        response: {
          200: {
            description: 'The event stream',
            content: { 'text/event-stream': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const user = request.staff!;
      const stream = reply.raw;
      let open = false;
      const unsubscribe = await feed
        .subscribe((message) => {
          if (!open) return;
          if (message.type === 'resync') stream.write(sseEvent('resync', {}));
          else if (mayHearOf(user, message.change)) {
            const { id, number, status, unitCode } = message.change;
            stream.write(sseEvent('case', { id, number, status, unitCode }));
          }
        })
        .catch((error: unknown) => {
          request.log.warn({ err: error }, 'case change feed unavailable');
          throw new AppError(
            'DEPENDENCY_UNAVAILABLE',
            'Live updates are unavailable right now; try again later',
          );
        });

      reply.hijack();
      // Security and CORS headers set by the hooks so far, which a hijacked reply no longer sends.
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) stream.setHeader(name, value);
      }
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx and similar proxies would otherwise hold events back in their buffers.
        'x-accel-buffering': 'no',
      });
      open = true;
      stream.write(`retry: 5000\n\n${sseEvent('ready', {})}`);

      // A stream outlives the request that opened it: once the session ends (logout, expiry, a
      // locked account), so does the stream.
      const heartbeat = setInterval(() => {
        authenticate(deps, request).then(
          () => stream.write(': heartbeat\n\n'),
          () => stream.end(),
        );
      }, HEARTBEAT_MS);
      heartbeat.unref();
      const release = () => {
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(stream);
      };
      streams.set(stream, release);
      stream.on('close', release);
      return reply;
    },
  );
};
