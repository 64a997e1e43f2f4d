import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import type { Orm } from '../../db/orm';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { createTemporalClient } from '../../services/temporal/temporal-client';
import { caseIdOfNumber, eventually, integrationConfig, integrationOrm } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';
import { readTestServices } from '../support/test-services';

const ROOT = path.join(__dirname, '..', '..');
const MAIL_ATTEMPT_TIMEOUT_SECONDS = 5;

/**
 * The worker is a real process here, killed with SIGKILL in the middle of cases and started again:
 * every case still reaches its state, no event happens twice, and no e-mail is lost.
 */
describe('a worker killed in the middle of cases', () => {
  let smtp: SmtpListener;
  let config: ReturnType<typeof integrationConfig>;
  let orm: Orm;
  let app: FastifyInstance;
  let temporal: ReturnType<typeof createTemporalClient>;
  let worker: ChildProcess | null = null;
  let workerOutput = '';

  function startWorkerProcess(): ChildProcess {
    const services = readTestServices();
    const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: services.databaseUrl,
        TEMPORAL_ADDRESS: services.temporalAddress,
        TEMPORAL_NAMESPACE: services.namespace,
        TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
        APP_SECRET: 'integration-test-secret-0123456789',
        SMTP_URL: smtp.url,
        // The run's prebuilt bundle and model: the process polls within a second or two of its
        // start instead of bundling workflows/ and training the classifier first.
        WORKFLOW_BUNDLE_FILE: services.workflowBundlePath,
        CLASSIFIER_MODEL_FILE: services.classifierModelPath,
        // A mail the killed worker had in flight is retried once this attempt timeout passes.
        MAIL_ATTEMPT_TIMEOUT_SECONDS: String(MAIL_ATTEMPT_TIMEOUT_SECONDS),
        MAIL_INTAKE_PORT: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    return child;
  }

  async function killWorker(): Promise<void> {
    if (!worker || worker.exitCode !== null) return;
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    worker.kill('SIGKILL');
    await exited;
    worker = null;
  }

  beforeAll(async () => {
    smtp = await startSmtpListener();
    config = integrationConfig({
      SMTP_URL: smtp.url,
      MAIL_ATTEMPT_TIMEOUT_SECONDS: String(MAIL_ATTEMPT_TIMEOUT_SECONDS),
    });
    orm = integrationOrm(config);
    temporal = createTemporalClient(config);
    app = await buildApp(config, { orm, temporal });
  });

  afterAll(async () => {
    await killWorker();
    await app.close();
    await temporal.connection.close();
    await orm.close();
    await smtp.close();
  });

  const statusOf = async (id: string) =>
    (await orm.em.fork().execute<{ status: string }[]>('select status from cases where id = ?', [id]))[0]
      ?.status;

  const eventTypes = async (id: string) =>
    (
      await orm.em
        .fork()
        .execute<{ type: string }[]>('select type from case_events where case_id = ? order by id', [id])
    ).map((row) => row.type);

  it('finishes intake after a kill, and takes a resident reply sent while no worker ran', async () => {
    const cases = await Promise.all(
      ['Dziura na Grójeckiej', 'Dziura na Wawelskiej', 'Dziura na Banacha'].map(async (description, i) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          payload: {
            kind: 'INCIDENT',
            eventCode: 'POTHOLE',
            description,
            district: 'Ochota',
            contact: { email: `restart-${i}@resident.test` },
          },
        });
        expect(response.statusCode).toBe(201);
        const answer = response.json<{ number: string; trackingToken: string }>();
        return { ...answer, id: await caseIdOfNumber(orm, answer.number) };
      }),
    );

    // Killed while it works through the intake of the three cases, however far it got.
    worker = startWorkerProcess();
    await eventually(async () => (await statusOf(cases[0].id)) !== 'NEW', {
      timeoutMs: 60_000,
      what: 'the first worker to start',
    });
    await killWorker();

    worker = startWorkerProcess();
    for (const filed of cases) {
      await eventually(async () => (await statusOf(filed.id)) === 'FORWARDED', {
        timeoutMs: 60_000,
        what: `${filed.number} to be forwarded after the restart`,
      });
    }
    await killWorker();

    // With no worker at all, the resident's message is accepted and waits in Temporal.
    const waiting = cases[0];
    const reply = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseNumberToSlug(waiting.number)}/messages?token=${waiting.trackingToken}`,
      payload: { message: 'Dziura jest coraz większa' },
    });
    expect(reply.statusCode).toBe(202);

    worker = startWorkerProcess();
    await eventually(async () => (await eventTypes(waiting.id)).includes('RESIDENT_MESSAGE'), {
      timeoutMs: 60_000,
      what: 'the message to reach the case after the restart',
    });

    for (const filed of cases) {
      expect((await eventTypes(filed.id)).filter((t) => t !== 'RESIDENT_MESSAGE')).toEqual([
        'CREATED',
        'CLASSIFIED',
        'ROUTED',
      ]);
    }
    expect(await eventTypes(waiting.id)).toEqual(['CREATED', 'CLASSIFIED', 'ROUTED', 'RESIDENT_MESSAGE']);

    // Mail is at least once: a kill between the SMTP server's 250 and our record of it sends the
    // message again when the activity is retried. Every copy carries the same Message-ID, so the
    // resident's mail client shows it once; the notification row exists once per recipient.
    await eventually(
      async () =>
        cases.every((_, i) => smtp.messages.some((m) => JSON.stringify(m.to).includes(`restart-${i}@`))),
      {
        // A mail a killed worker had in flight is retried only when its attempt times out
        // (MAIL_ATTEMPT_TIMEOUT_SECONDS, set small here), then after the first retry interval (5 s).
        timeoutMs: 60_000,
        what: 'an acknowledgement for every resident',
      },
    );
    for (const [i] of cases.entries()) {
      const mails = smtp.messages.filter((m) => JSON.stringify(m.to).includes(`restart-${i}@resident.test`));
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(1);
    }
    const rows = await orm.em.fork().execute<{ n: string }[]>(
      `select count(*) as n from notifications where case_id in (?, ?, ?) and event_key = 'acknowledged'`,
      cases.map((c) => c.id),
    );
    expect(Number(rows[0].n)).toBe(cases.length);
    expect(workerOutput).not.toMatch(/unhandled|TypeError/);
  }, 360_000);
});
