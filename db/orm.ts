import { MikroORM, type Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { migrationsList } from './migrations';

export type Orm = MikroORM<PostgreSqlDriver>;

export function ormOptions(databaseUrl: string): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      // Listed explicitly, like the entities, so no file globbing differs between tsx and jest.
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // The global EntityManager is shared across requests: every unit of work must fork its own.
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    // Opening a connection (a PostgreSQL backend and the SCRAM exchange) is slow on a busy machine,
    // and a burst of requests opens several at once: 3 s turned such bursts into 500s (seen in the
    // browser tests). /ready keeps its own 3 s limit, so an absent database is still reported fast.
    driverOptions: { connection: { connectionTimeoutMillis: 10_000 } },
    debug: false,
  };
}

/** Creates the ORM without connecting: the API must start (and report not ready) while the database is away. */
export function createOrm(databaseUrl: string): Orm {
  return MikroORM.initSync<PostgreSqlDriver>({ ...ormOptions(databaseUrl), connect: false });
}

export async function migrate(orm: Orm, log: (line: string) => void = () => {}): Promise<string[]> {
  const migrator = orm.getMigrator();
  const pending = await migrator.getPendingMigrations();
  for (const migration of pending) log(`migrating: ${migration.name}`);
  const applied = await migrator.up();
  return applied.map((m) => m.name);
}
