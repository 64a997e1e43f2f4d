import { CALENDAR_TIME_ZONE } from '../../domain/sla/business-calendar';
import type { FieldChanges } from './audit-trail';
import type { ConfigDeps, Page, PageQuery } from './config-records';

/** The history's filter, as the route's schema validated it. */
export interface ConfigHistoryFilter {
  id?: number[];
  /** One resource, or several. */
  resource?: string | string[];
  recordId?: string;
  /** The actor's username, case-insensitive. */
  actor?: string;
  /** From this day (in Warsaw) or instant on. */
  from?: string;
  /** Up to the end of this day (in Warsaw), or up to this instant. */
  to?: string;
}

export interface ConfigChange {
  id: number;
  actorId: string | null;
  actor: string;
  resource: string;
  recordId: string;
  action: string;
  changes: FieldChanges;
  createdAt: string;
}

interface ConfigChangeRow {
  id: string | number;
  actor_id: string | null;
  actor_username: string;
  resource: string;
  record_id: string;
  action: string;
  changes: FieldChanges | string;
  created_at: Date | string;
}

/** A bare day is a whole day of the city's calendar, not a UTC one. */
function boundSql(value: string, bound: 'from' | 'to'): string {
  if (value.length !== 10) return `created_at ${bound === 'from' ? '>=' : '<='} ?::timestamptz`;
  return bound === 'from'
    ? `created_at >= (?::date)::timestamp at time zone '${CALENDAR_TIME_ZONE}'`
    : `created_at < (?::date + 1)::timestamp at time zone '${CALENDAR_TIME_ZONE}'`;
}

/**
 * Who changed the city's configuration, when and what, newest first: the rows `recordConfigChange`
 * writes with every change. Read-only: the trail is written by the changes themselves.
 */
export async function configHistory(
  { orm }: ConfigDeps,
  query: PageQuery & { filter?: ConfigHistoryFilter },
): Promise<Page<ConfigChange>> {
  const { sort = ['id', 'DESC'], range = [0, 99], filter = {} } = query;
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.id) {
    where.push(`id in (${filter.id.map(() => '?').join(', ') || 'null'})`);
    params.push(...filter.id);
  }
  if (filter.resource !== undefined) {
    const resources = Array.isArray(filter.resource) ? filter.resource : [filter.resource];
    where.push(`resource in (${resources.map(() => '?').join(', ') || 'null'})`);
    params.push(...resources);
  }
  if (filter.recordId) {
    where.push('record_id = ?');
    params.push(filter.recordId);
  }
  if (filter.actor) {
    where.push('lower(actor_username) = lower(?)');
    params.push(filter.actor);
  }
  if (filter.from) {
    where.push(boundSql(filter.from, 'from'));
    params.push(filter.from);
  }
  if (filter.to) {
    where.push(boundSql(filter.to, 'to'));
    params.push(filter.to);
  }
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const direction = sort[1] === 'ASC' ? 'asc' : 'desc';
  // Ids grow with time; they also order the changes of one transaction, which share created_at.
  const order = sort[0] === 'createdAt' ? `created_at ${direction}, id ${direction}` : `id ${direction}`;
  const [from, to] = range;
  const conn = orm.em.fork().getConnection();
  const [rows, [{ total }]] = await Promise.all([
    conn.execute<ConfigChangeRow[]>(
      `select * from config_changes ${whereSql} order by ${order} limit ? offset ?`,
      [...params, to - from + 1, from],
    ),
    conn.execute<{ total: string | number }[]>(
      `select count(*) as total from config_changes ${whereSql}`,
      params,
    ),
  ]);
  return {
    from,
    total: Number(total),
    records: rows.map((row) => ({
      id: Number(row.id),
      actorId: row.actor_id,
      actor: row.actor_username,
      resource: row.resource,
      recordId: row.record_id,
      action: row.action,
      changes: (typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes) as FieldChanges,
      createdAt: new Date(row.created_at).toISOString(),
    })),
  };
}
