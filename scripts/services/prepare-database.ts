import type { Config } from '../../config/config';
import { migrate, type Orm } from '../../db/orm';
import { seedReferenceData } from '../../db/seed/seed-reference-data';
import { seedDemoUsers, type DemoUser } from '../../db/seed/seed-demo-data';
import { seedOpen311DemoKey } from '../../db/seed/seed-open311-demo-key';
import { seedDemoAnnouncements } from '../../db/seed/seed-demo-announcements';

/** Migrations, then the reference data, then (when demo data is on) the demo users. */
export async function prepareDatabase(
  orm: Orm,
  config: Config,
  log: (line: string) => void,
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
  if (!config.demo.enabled) return { demoUsers: [] };
  const demo = await seedDemoUsers(orm, config.demo.password);
  if (demo.created) log(`created ${demo.created} demo user(s)`);
  if ((await seedOpen311DemoKey(orm, config.demo.open311Key)).created)
    log('created the demo Open311 client key');
  const announcements = await seedDemoAnnouncements(orm);
  if (announcements.created) log(`created ${announcements.created} demo announcement(s)`);
  return { demoUsers: demo.users };
}
