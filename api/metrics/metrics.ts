import type { FastifyInstance } from 'fastify';
import type { CaseMetrics } from '../../services/service-deps';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface AppMetrics extends CaseMetrics {
  registry: Registry;
}

/**
 * Prometheus metrics of one app instance. A registry per app, not prom-client's global one, so
 * tests that build many apps (and a process that builds one) count only their own requests.
 */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'civicflow_' });
  const accepted = new Counter({
    name: 'civicflow_cases_accepted_total',
    help: 'Cases accepted, by channel and kind',
    labelNames: ['channel', 'kind'] as const,
    registers: [registry],
  });
  return { registry, caseAccepted: (labels) => accepted.inc(labels) };
}

/** Request counts and latency by route template (never the raw URL: case numbers would explode the label set). */
export function instrumentRequests(app: FastifyInstance, metrics: AppMetrics): void {
  const requests = new Counter({
    name: 'civicflow_http_requests_total',
    help: 'HTTP requests, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [metrics.registry],
  });
  const latency = new Histogram({
    name: 'civicflow_http_request_duration_seconds',
    help: 'HTTP request latency, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}
