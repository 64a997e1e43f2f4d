import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import type { AppDeps } from '../app';

/**
 * `GET /metrics` in Prometheus' text format, behind METRICS_TOKEN when one is configured. In
 * production there are no open metrics (request counts by route and status tell an outsider too
 * much): without a token the route answers 404, as if it did not exist.
 */
export const metricsRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = deps.config.metricsToken;
    if (!token && deps.config.env === 'production') {
      throw new AppError('NOT_FOUND', 'Metrics are off: set METRICS_TOKEN to serve them');
    }
    if (token) {
      const given = Buffer.from(request.headers.authorization ?? '');
      const expected = Buffer.from(`Bearer ${token}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError(
          'UNAUTHENTICATED',
          'The metrics need the bearer token configured in METRICS_TOKEN',
        );
      }
    }
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
};
