import { effectiveDatabaseUrl, loadConfig } from '../config/config';
import { createOrm } from '../db/orm';
import { prepareDatabase } from './services/prepare-database';

/** For deployments: migrate and seed the database named by DATABASE_URL, then exit. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) throw new Error('DATABASE_URL is not set: nothing to migrate');
  const orm = createOrm(effectiveDatabaseUrl(config));
  try {
    await prepareDatabase(orm, config, (line) => console.log(`[migrate] ${line}`));
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error('[migrate] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
