import { effectiveDatabaseUrl, type Config } from '../../config/config';
import { createOrm, type Orm } from '../../db/orm';

/**
 * The ORM of the configured database (the embedded one when `DATABASE_URL` is unset), created
 * without connecting: the API must start, and report itself not ready, while PostgreSQL is away.
 */
export function openDatabase(config: Config): Orm {
  return createOrm(effectiveDatabaseUrl(config));
}
