import { Runtime, DefaultLogger } from '@temporalio/worker';
import { loadConfig, effectiveDatabaseUrl, effectiveTemporalAddress } from '../config/config';
import { createOrm } from '../db/orm';
import { createTemporalClient } from '../intake/temporal-client';
import { startUnstartedCaseReconciler } from '../intake/reconcile-unstarted-cases';
import { createMailer } from '../activities/notifications/mailer';
import { startEmailIntake } from '../intake/email/email-listener';
import { createWorker } from './create-worker';

/** The worker process: runs case workflows and their activities until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({
    logger: new DefaultLogger(config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN'),
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
  const reconciler = startUnstartedCaseReconciler({
    orm,
    temporal,
    config,
    log: (line) => console.log(`[worker] ${line}`),
  });
  // The e-mail channel lives here: it needs the database and Temporal, as the worker does, and
  // a relay's connection must not depend on the API process being up.
  const mailIntake =
    config.mailIntake.port === 0
      ? null
      : await startEmailIntake({ orm, temporal, config, log: (line) => console.log(`[worker] ${line}`) });
  if (mailIntake) {
    console.log(
      `[worker] mail intake listening on ${mailIntake.url} for ${config.mailIntake.addresses.join(', ')}`,
    );
  }
  console.log(
    `[worker] polling task queue "${config.temporal.taskQueue}" on ${address} (namespace ${config.temporal.namespace})`,
  );
  try {
    await worker.run();
  } finally {
    reconciler.stop();
    await mailIntake?.stop();
    await temporal.connection.close();
    await connection.close();
    await mailer.close();
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error('[worker] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
