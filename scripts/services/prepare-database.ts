import type { Config } from '../../config/config';
import { migrate, type Orm } from '../../db/orm';
import { seedReferenceData } from '../../db/seed/seed-reference-data';
import { seedDemoUsers, type DemoUser } from '../../db/seed/seed-demo-data';
import { seedOpen311DemoKey } from '../../db/seed/seed-open311-demo-key';
import { seedDemoAnnouncements } from '../../db/seed/seed-demo-announcements';
import { disableDemoData, restoreDemoUsers } from '../../db/seed/demo-data-switch';

/**
 * Migrations, then the reference data, then the demo data: created only where the caller made the
 * database for development (`createDemoData`: npm start), switched off wherever DEMO_DATA is off.
 */
export async function prepareDatabase(
  orm: Orm,
  config: Config,
  log: (line: string) => void,
  { createDemoData }: { createDemoData: boolean },
): Promise<{ demoUsers: DemoUser[] }> {
  const applied = await migrate(orm, log);
  log(applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date');
  const seeded = await seedReferenceData(orm);
  const added = Object.entries(seeded).filter(([, n]) => n > 0);
  log(
    added.length
      ? `seeded reference data: ${added.map(([k, n]) => `${n} ${k}`).join(', ')}`
      : 'reference data present',
  );
  if (!config.demo.enabled) {
    const off = await disableDemoData(orm, config.demo.open311Key);
    if (off.users || off.open311Clients)
      log(
        `DEMO_DATA is off: disabled ${off.users} demo user(s) and ${off.open311Clients} demo Open311 client(s)`,
      );
    return { demoUsers: [] };
  }
  if (!createDemoData) {
    log('demo data: npm start creates it on a development database; npm run migrate never does');
    return { demoUsers: [] };
  }
  const restored = await restoreDemoUsers(orm, config.demo.password, config.auth.passwordHashCost);
  if (restored) log(`DEMO_DATA is on again: restored ${restored} demo user(s)`);
  const demo = await seedDemoUsers(orm, config.demo.password, config.auth.passwordHashCost);
  if (demo.created) log(`created ${demo.created} demo user(s)`);
  if ((await seedOpen311DemoKey(orm, config.demo.open311Key)).created)
    log('created the demo Open311 client key');
  const announcements = await seedDemoAnnouncements(orm);
  if (announcements.created) log(`created ${announcements.created} demo announcement(s)`);
  return { demoUsers: demo.users };
}
