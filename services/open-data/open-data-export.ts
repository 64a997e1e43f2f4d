import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, District } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { AppError } from '../../domain/errors';
import type { ServiceDeps } from '../service-deps';
import { openCursorParam, sealCaseReference } from '../cases/public-references';
import {
  countNotifications,
  loadNotifications,
  type NotificationCursor,
  type NotificationFilter,
  type NotificationRecord,
} from './notification-records';

/** The longest date range one request may ask for. */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;
const AFTER_MESSAGE = 'is not a record of this export (take it from a `next` link)';
const CSV_BATCH = 1000;

const warsawToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayFromNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function invalidQuery(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `Invalid query.${field}: ${message}`, {
    fields: [{ field: `query.${field}`, message }],
  });
}

/** The filters of an export, as the schema parsed them: Europe/Warsaw days and a district's name. */
export interface OpenDataQuery {
  from?: string;
  to?: string;
  district?: string;
}

export type OpenDataFilter = NotificationFilter & { districtSlug: string | null };

/** The date range asked for, or the last 30 days up to today; refused when longer than a year. */
async function resolveFilter(em: EntityManager, query: OpenDataQuery): Promise<OpenDataFilter> {
  const to = query.to ?? warsawToday();
  const from = query.from ?? dayFromNumber(dayNumber(to) - 29);
  if (dayNumber(from) > dayNumber(to)) throw invalidQuery('from', `must not be after to (${to})`);
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw invalidQuery(
      'to',
      `the range is ${days} days; at most ${MAX_RANGE_DAYS} days can be asked at once`,
    );
  }
  let districtSlug: string | null = null;
  if (query.district !== undefined) {
    const district = await em.findOne(District, { name: query.district });
    if (!district) throw invalidQuery('district', `unknown district "${query.district}"`);
    districtSlug = district.slug.toLowerCase();
  }
  return { from, to, district: query.district, districtSlug };
}

/**
 * One page of the export. A page asked for by `after` (the sealed last record of the previous
 * page) continues after that record, which costs the same at any depth, where an offset reads and
 * skips every record before the page. `after` of the answer continues after this page.
 */
export async function notificationsPage(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  query: OpenDataQuery & { page: number; pageSize: number; after?: string },
  city: string,
): Promise<{ filter: OpenDataFilter; records: NotificationRecord[]; total: number; after: string | null }> {
  const { page, pageSize } = query;
  const em = deps.orm.em.fork();
  const filter = await resolveFilter(em, query);
  const after =
    query.after === undefined
      ? undefined
      : openCursorParam(deps.config.secret, 'open-data-cursor', 'after', query.after, AFTER_MESSAGE);
  if (after && !(await em.count(Case, { id: after }))) {
    throw invalidQuery('after', AFTER_MESSAGE);
  }
  const position = after ? { after } : { offset: (page - 1) * pageSize };
  const [total, { records, last }] = await Promise.all([
    countNotifications(em, filter),
    loadNotifications(em, filter, { limit: pageSize, ...position }, city),
  ]);
  return {
    filter,
    records,
    total,
    after: last ? sealCaseReference(deps.config.secret, 'open-data-cursor', last) : null,
  };
}

/**
 * Every record of a range, in the export's order, in batches: a year of a big city's cases is
 * streamed, never held in memory at once. The filter is checked before the first batch is read.
 */
export async function notificationsExport(
  orm: Orm,
  query: OpenDataQuery,
  city: string,
): Promise<{ filter: OpenDataFilter; batches: AsyncGenerator<NotificationRecord[]> }> {
  const em = orm.em.fork();
  const filter = await resolveFilter(em, query);
  // Keyset batches, each after the last record of the one before.
  async function* batches(): AsyncGenerator<NotificationRecord[]> {
    let after: NotificationCursor | undefined;
    for (;;) {
      const { records, last } = await loadNotifications(em, filter, { limit: CSV_BATCH, after }, city);
      if (records.length) yield records;
      if (records.length < CSV_BATCH || !last) return;
      after = last;
    }
  }
  return { filter, batches: batches() };
}
