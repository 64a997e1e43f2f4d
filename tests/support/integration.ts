import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { seedDemoUsers } from '../../db/seed/seed-demo-data';
import { contactConfirmationToken } from '../../services/cases/contact-confirmation';
import { createTemporalClient } from '../../services/temporal/temporal-client';
import { loadConfig, type Config } from '../../config/config';
import { createOrm, type Orm } from '../../db/orm';
import { createWorker } from '../../worker/create-worker';
import { installQuietRuntime } from './quiet-runtime';
import { startSmtpListener, type SmtpListener } from './smtp-listener';
import { readTestServices, TEST_DEMO_PASSWORD, TEST_PASSWORD_HASH_COST } from './test-services';

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
    // Photos' files in the run's temporary folder (removed at the end), never the checkout's .data.
    ATTACHMENTS_DIR: path.join(services.tmpDir, 'attachments'),
    APP_SECRET: 'integration-test-secret-0123456789',
    DEMO_PASSWORD: TEST_DEMO_PASSWORD,
    PASSWORD_HASH_COST: String(TEST_PASSWORD_HASH_COST),
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

/** A payload of a history as the application sent it: through the client's codecs (decrypted), then converted. */
export async function decodedPayload<T = unknown>(client: Client, payload: Payload): Promise<T> {
  const { payloadCodecs, payloadConverter } = client.options.loadedDataConverter;
  let payloads = [payload];
  for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
  return payloadConverter.fromPayload<T>(payloads[0]);
}

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
  /**
   * The relay the worker mails through when the test set no SMTP_URL of its own (see startTestApp's
   * `relay`); null when the test brought its own or asked for none.
   */
  relay: SmtpListener | null;
  /** Signs a demo user in and returns the bearer header (users come from seedDemoUsers). */
  authorization(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The usual integration fixture: configuration on the run's services, an ORM, a Temporal client,
 * the API built with them and, when asked, a worker on the file's own task queue.
 */
export async function startTestApp(
  options: {
    config?: Record<string, string>;
    worker?: boolean;
    demoUsers?: boolean;
    /**
     * A worker mails residents and staff as cases move. Unless the test sets SMTP_URL itself, it
     * gets a real SMTP listener: without one every mail activity fails and retries for the rest
     * of the file, spending CPU, filling the log and leaving workflows that never settle (the
     * actor-proof test failed in CI that way). `false`: no relay at all, for a test about that.
     */
    relay?: boolean;
  } = {},
): Promise<TestApp> {
  const relay =
    options.worker && options.relay !== false && !options.config?.SMTP_URL ? await startSmtpListener() : null;
  const config = integrationConfig(relay ? { SMTP_URL: relay.url, ...options.config } : options.config);
  const orm = integrationOrm(config);
  const temporal = createTemporalClient(config);
  if (options.demoUsers) await seedDemoUsers(orm, config.demo.password, config.auth.passwordHashCost);
  const app = await buildApp(config, { orm, temporal });
  const worker = options.worker ? await startTestWorker(config, orm) : null;
  const tokens = new Map<string, string>();
  return {
    config,
    orm,
    temporal,
    app,
    worker,
    relay,
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
      await relay?.close();
    },
  };
}

/**
 * The internal id of a case a resident filed: public answers name cases only by number, so tests
 * that go on to the back office (`/api/cases/:id`) or the workflow look the id up here.
 */
export async function caseIdOfNumber(orm: Orm, number: string): Promise<string> {
  const [row] = await orm.em
    .fork()
    .getConnection()
    .execute<{ id: string }[]>('select id from cases where number = ?', [number]);
  if (!row) throw new Error(`No case ${number}`);
  return row.id;
}

/** The internal id of a booking: public answers name bookings only by reference (and token). */
export async function bookingIdOfReference(orm: Orm, reference: string): Promise<string> {
  const [row] = await orm.em
    .fork()
    .getConnection()
    .execute<{ id: string }[]>('select id from bookings where reference = ?', [reference]);
  if (!row) throw new Error(`No booking ${reference}`);
  return row.id;
}

/**
 * Confirms a case's contact address as its resident does, by the button behind the link of the
 * acknowledgement (the token made here as the notification activity makes it): for tests whose
 * subject is a mail that only a confirmed address gets.
 */
export async function confirmCaseContact(fixture: Pick<TestApp, 'app' | 'orm' | 'config'>, number: string) {
  const [row] = await fixture.orm.em
    .fork()
    .getConnection()
    .execute<{ id: string; contact_email: string | null }[]>(
      'select id, contact_email from cases where number = ?',
      [number],
    );
  if (!row?.contact_email) throw new Error(`Case ${number} has no contact address to confirm`);
  const token = contactConfirmationToken(fixture.config.secret, {
    caseId: row.id,
    caseNumber: number,
    email: row.contact_email,
  });
  const response = await fixture.app.inject({
    method: 'POST',
    url: `/api/v1/public/case-contacts/confirm?token=${token}`,
  });
  if (response.statusCode !== 200) {
    throw new Error(`Confirming the contact of case ${number} answered ${response.statusCode}`);
  }
}
