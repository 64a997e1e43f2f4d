import { Runtime, DefaultLogger } from '@temporalio/worker';
import { loadConfig, effectiveDatabaseUrl, effectiveTemporalAddress } from '../config/config';
import { createOrm } from '../db/orm';
import { createTemporalClient } from '../services/temporal/temporal-client';
import { startUnstartedCaseReconciler } from '../services/cases/reconcile-unstarted-cases';
import { createMailer } from '../services/mail/mailer';
import { startEmailIntake } from '../intake/email/email-listener';
import { createWorker } from './create-worker';
import { startRetentionSchedule } from './retention';
import { redactLogLine } from '../domain/text/redact-log-line';

/** The worker process: runs case workflows and their activities until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({
    // The SDK logs activity failures with their messages, which can quote a resident's address.
    logger: new DefaultLogger(
      config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN',
      ({ level, message, meta }) =>
        console.error(redactLogLine(`[worker] ${level} ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`)),
    ),
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
  const orm = createOrm(effectiveDatabaseUrl(config));
  const address = effectiveTemporalAddress(config);
  const mailer = createMailer(config);
  const { worker, connection } = await createWorker({
    address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    deps: { orm, config, mailer },
    workflowBundle: config.temporal.workflowBundleFile
      ? { codePath: config.temporal.workflowBundleFile }
      : undefined,
  });
  const temporal = createTemporalClient(config);
  // Mail intake and retention lines name senders and cases: the same redaction as the API's log.
  const log = (line: string) => console.log(redactLogLine(`[worker] ${line}`));
  const reconciler = startUnstartedCaseReconciler({
    orm,
    temporal,
    config,
    log,
  });
  const retention = startRetentionSchedule({ orm, config, log });
  // The e-mail channel lives here: it needs the database and Temporal, as the worker does, and
  // a relay's connection must not depend on the API process being up.
  const mailIntake =
    config.mailIntake.port === 0 ? null : await startEmailIntake({ orm, temporal, config, log });
  if (mailIntake) {
    log(`mail intake listening on ${mailIntake.url} for ${config.mailIntake.addresses.join(', ')}`);
  }
  console.log(
    `[worker] polling task queue "${config.temporal.taskQueue}" on ${address} (namespace ${config.temporal.namespace})`,
  );
  try {
    await worker.run();
  } finally {
    reconciler.stop();
    retention.stop();
    await mailIntake?.stop();
    await temporal.connection.close();
    await connection.close();
    await mailer.close();
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(redactLogLine(`[worker] failed: ${error instanceof Error ? error.message : String(error)}`));
  process.exit(1);
});
