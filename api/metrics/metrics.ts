import type { FastifyInstance } from 'fastify';
import type { CaseMetrics } from '../../services/service-deps';
import type { IntakeBacklog } from '../../services/statistics/intake-backlog';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface AppMetrics extends CaseMetrics {
  registry: Registry;
}

/**
 * Prometheus metrics of one app instance. A registry per app, not prom-client's global one, so
 * tests that build many apps (and a process that builds one) count only their own requests.
 */
export function createMetrics(backlog?: () => Promise<IntakeBacklog>): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'civicflow_' });
  const accepted = new Counter({
    name: 'civicflow_cases_accepted_total',
    help: 'Cases accepted, by channel and kind',
    labelNames: ['channel', 'kind'] as const,
    registers: [registry],
  });
  if (backlog) registerBacklogGauges(registry, backlog);
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

/**
 * The intake backlog at scrape time: cases accepted but not yet taken up by a workflow, and how
 * long the oldest has waited. Their deadlines run from acceptance, so this is what to alert on.
 * With the database away the gauges keep their last value (`/ready` says why).
 */
function registerBacklogGauges(registry: Registry, backlog: () => Promise<IntakeBacklog>): void {
  let read: Promise<IntakeBacklog | null> | null = null;
  // Both gauges of one scrape share one query.
  const current = () => {
    read ??= backlog()
      .catch(() => null)
      .finally(() => setImmediate(() => (read = null)));
    return read;
  };
  new Gauge({
    name: 'civicflow_cases_waiting_for_workflow',
    help: 'Cases accepted but not yet taken up by a workflow (status NEW)',
    registers: [registry],
    async collect() {
      const now = await current();
      if (now) this.set(now.cases);
    },
  });
  new Gauge({
    name: 'civicflow_cases_waiting_for_workflow_oldest_seconds',
    help: 'How long the oldest case waiting for its workflow has waited (0 when none waits)',
    registers: [registry],
    async collect() {
      const now = await current();
      if (now) this.set(now.oldestAcceptedAt ? (Date.now() - Date.parse(now.oldestAcceptedAt)) / 1000 : 0);
    },
  });
}
