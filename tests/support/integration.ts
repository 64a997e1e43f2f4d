import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { seedDemoUsers } from '../../db/seed/seed-demo-data';
import { createTemporalClient } from '../../intake/temporal-client';
import { loadConfig, type Config } from '../../config/config';
import { createOrm, type Orm } from '../../db/orm';
import { createWorker } from '../../worker/create-worker';
import { installQuietRuntime } from './quiet-runtime';
import { readTestServices, TEST_DEMO_PASSWORD } from './test-services';

export { TEST_DEMO_PASSWORD };

/** Configuration pointing at the run's shared services, with a task queue of this test file's own. */
export function integrationConfig(extra: Record<string, string> = {}): Config {
  const services = readTestServices();
  return loadConfig({
    NODE_ENV: 'test',
    // A 500 in any test prints why (the error handler logs unhandled errors at this level).
    LOG_LEVEL: 'error',
    DATABASE_URL: services.databaseUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_NAMESPACE: services.namespace,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    // Built once per run by the global setup.
    WORKFLOW_BUNDLE_FILE: services.workflowBundlePath,
    CLASSIFIER_MODEL_FILE: services.classifierModelPath,
    APP_SECRET: 'integration-test-secret-0123456789',
    DEMO_PASSWORD: TEST_DEMO_PASSWORD,
    // Test files file many cases from one address; the limit itself has a test of its own.
    INTAKE_RATE_LIMIT_PER_MINUTE: '100000',
    TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
    ...extra,
  });
}

export function integrationOrm(config: Config): Orm {
  return createOrm(config.database.url!);
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/** A real worker on the run's Temporal server, running the workflow bundle built once per run. */
export async function startTestWorker(config: Config, orm: Orm): Promise<RunningWorker> {
  installQuietRuntime();
  const { worker, connection } = await createWorker({
    address: config.temporal.address!,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    deps: { orm, config },
    workflowBundle: { codePath: config.temporal.workflowBundleFile! },
  });
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** Polls until `probe` returns a value, or fails with the last value seen. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what} not reached within ${timeoutMs} ms (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/**
 * Waits until a workflow has caught up with its history: no workflow task waiting to run and no
 * activity still running. Whatever reached it before the call (a signal, an update, a fired timer)
 * has then been handled, and what its activities write is written, so a check that something did
 * NOT happen can follow without a guess at how long to wait. Returns the history it settled on.
 */
export async function settledHistory(
  handle: WorkflowHandle,
  { timeoutMs = 20_000 } = {},
): Promise<HistoryEvent[]> {
  return eventually(
    async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      let taskPending = false;
      const running = new Set<string>();
      for (const event of events) {
        if (event.workflowTaskScheduledEventAttributes) taskPending = true;
        if (
          event.workflowTaskCompletedEventAttributes ||
          event.workflowTaskFailedEventAttributes ||
          event.workflowTaskTimedOutEventAttributes
        )
          taskPending = false;
        if (event.activityTaskScheduledEventAttributes) running.add(String(event.eventId));
        const ended =
          event.activityTaskCompletedEventAttributes ??
          event.activityTaskFailedEventAttributes ??
          event.activityTaskTimedOutEventAttributes ??
          event.activityTaskCanceledEventAttributes;
        if (ended) running.delete(String(ended.scheduledEventId));
      }
      return !taskPending && running.size === 0 && events;
    },
    { timeoutMs, what: `workflow ${handle.workflowId} to settle` },
  );
}

export interface TestApp {
  config: Config;
  orm: Orm;
  temporal: Client;
  app: FastifyInstance;
  worker: RunningWorker | null;
  /** Signs a demo user in and returns the bearer header (users come from seedDemoUsers). */
  authorization(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The usual integration fixture: configuration on the run's services, an ORM, a Temporal client,
 * the API built with them and, when asked, a worker on the file's own task queue.
 */
export async function startTestApp(
  options: { config?: Record<string, string>; worker?: boolean; demoUsers?: boolean } = {},
): Promise<TestApp> {
  const config = integrationConfig(options.config);
  const orm = integrationOrm(config);
  const temporal = createTemporalClient(config);
  if (options.demoUsers) await seedDemoUsers(orm, config.demo.password);
  const app = await buildApp(config, { orm, temporal });
  const worker = options.worker ? await startTestWorker(config, orm) : null;
  const tokens = new Map<string, string>();
  return {
    config,
    orm,
    temporal,
    app,
    worker,
    async authorization(username) {
      if (!tokens.has(username)) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: config.demo.password },
        });
        if (response.statusCode !== 200) throw new Error(`${username} cannot sign in: ${response.body}`);
        tokens.set(username, response.json<{ token: string }>().token);
      }
      return `Bearer ${tokens.get(username)}`;
    },
    async close() {
      await worker?.stop();
      await app.close();
      await temporal.connection.close();
      await orm.close();
    },
  };
}
