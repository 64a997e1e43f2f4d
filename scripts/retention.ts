import { effectiveDatabaseUrl, loadConfig } from '../config/config';
import { createOrm } from '../db/orm';
import { applyRetention, describeRetention } from '../worker/retention';

/**
 * Applies the retention policy once (the worker does so every hour): `npm run retention`, or
 * `npm run retention -- --dry-run` to see what it would delete and anonymise without changing anything.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--dry-run');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(' ')} (only --dry-run)`);
  const config = loadConfig();
  const orm = createOrm(effectiveDatabaseUrl(config));
  try {
    const report = await applyRetention(orm, config.retention, {
      attachmentsDir: config.attachmentsDir,
      dryRun: args.includes('--dry-run'),
    });
    console.log(describeRetention(report, config.retention));
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error('[retention] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
