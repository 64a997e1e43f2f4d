import { effectiveDatabaseUrl, loadConfig } from '../config/config';
import { createOrm } from '../db/orm';
import { prepareDatabase } from './services/prepare-database';
import { ensureNamespaceAndSearchAttributes } from './services/temporal-namespace';

const log = (line: string) => console.log(`[migrate] ${line}`);

/**
 * For deployments (the `migrate` job of docker-compose.yml): migrates and seeds the database named
 * by DATABASE_URL and, with TEMPORAL_ADDRESS set, prepares the Temporal namespace; then exits.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) throw new Error('DATABASE_URL is not set: nothing to migrate');
  const orm = createOrm(effectiveDatabaseUrl(config));
  try {
    // A deployment's database is never one to fill with demo accounts, whatever DEMO_DATA says.
    await prepareDatabase(orm, config, log, { createDemoData: false });
  } finally {
    await orm.close();
  }
  if (config.temporal.address) {
    await ensureNamespaceAndSearchAttributes(config.temporal.address, config.temporal.namespace, log);
  }
  log('done');
}

main().catch((error: unknown) => {
  console.error('[migrate] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
