import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseStatus, Channel } from '../../domain/cases/case-states';
import { PUBLIC_STATUS_TEXTS, publicCaseView, UNPUBLISHED_STATUSES } from '../../domain/cases/public-view';
import { TAXONOMY_KIND_NAMES } from '../taxonomy/kind-names';

/**
 * Cases as open data in the layout of the city's `19115store_getNotifications` API. Only reports
 * (INCIDENT) and complaints (COMPLAINT) are published, as in the city's own export: those are the
 * two notification types the layout knows, and they concern places and services. Questions and
 * suggestions are a resident's own words with no place to show. Nothing a resident typed is
 * published (the layout has no description); the street, position and statuses come from the
 * projection every public surface shares (domain/cases/public-view.ts).
 */
export const PUBLISHED_KINDS = ['INCIDENT', 'COMPLAINT'] as const;
type PublishedKind = (typeof PUBLISHED_KINDS)[number];

const KIND_NAMES = new Map([...TAXONOMY_KIND_NAMES].map(([code, name]) => [code, name.pl]));

const SOURCES: Record<Channel, string> = {
  PHONE: 'TELEFON',
  PORTAL: 'PORTAL',
  MOBILE: 'MOBILE',
  EMAIL: 'E-MAIL',
  // Chats are written up as cases by the contact center's own clerks.
  CHAT: 'CKM',
  OPEN311: 'API',
};

const DEVICE_TYPES: Partial<Record<Channel, string>> = { PORTAL: 'WWW', MOBILE: 'MOBILE' };

export interface NotificationStatus {
  status: string;
  description: string;
  changeDate: number;
}

export interface NotificationRecord {
  notificationNumber: string;
  category: string;
  subcategory: string | null;
  event: string | null;
  notificationType: PublishedKind;
  city: string;
  district: string | null;
  street: string | null;
  street2: null;
  aparmentNumber: null;
  xCoordWGS84: number | null;
  yCoordWGS84: number | null;
  createDate: number;
  source: string;
  deviceType: string | null;
  statuses: NotificationStatus[];
}

export interface NotificationFilter {
  /** Inclusive bounds as Europe/Warsaw calendar days, `YYYY-MM-DD`. */
  from: string;
  to: string;
  district?: string;
}

interface CaseRow {
  id: string;
  number: string;
  kind: PublishedKind;
  status: CaseStatus;
  channel: Channel;
  district: string | null;
  street: string | null;
  lat: number | null;
  lon: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  event_name: string | null;
  subcategory_name: string | null;
}

function whereClause(filter: NotificationFilter): { sql: string; params: unknown[] } {
  const where = [
    `c.kind in (${PUBLISHED_KINDS.map(() => '?').join(', ')})`,
    `c.status not in (${UNPUBLISHED_STATUSES.map(() => '?').join(', ')})`,
    // Day bounds at Warsaw midnight, so a day is a local day across DST changes.
    `c.created_at >= (?::date)::timestamp at time zone 'Europe/Warsaw'`,
    `c.created_at < (?::date + 1)::timestamp at time zone 'Europe/Warsaw'`,
  ];
  const params: unknown[] = [...PUBLISHED_KINDS, ...UNPUBLISHED_STATUSES, filter.from, filter.to];
  if (filter.district !== undefined) {
    where.push('c.district = ?');
    params.push(filter.district);
  }
  return { sql: where.join(' and '), params };
}

export async function countNotifications(em: EntityManager, filter: NotificationFilter): Promise<number> {
  const { sql, params } = whereClause(filter);
  const [row] = await em.execute<{ total: string | number }[]>(
    `select count(*) as total from cases c where ${sql}`,
    params,
  );
  return Number(row?.total ?? 0);
}

/**
 * The position of a record in the export's order, for keyset pages: the id of the last record
 * sent (handed out only sealed, see services/cases/public-references.ts). Its filing time is read back from
 * the database, at full (microsecond) precision: a time carried through JavaScript (milliseconds)
 * would skip or repeat records filed in the same ms.
 */
export type NotificationCursor = string;

/**
 * One page in the export's stable order: filing time, then id. Cases are only ever added at the
 * end of that order, so a page read twice holds the same cases.
 */
export async function loadNotifications(
  em: EntityManager,
  filter: NotificationFilter,
  page: { limit: number; offset?: number; after?: NotificationCursor },
  city: string,
): Promise<{ records: NotificationRecord[]; last: NotificationCursor | null }> {
  const { sql, params } = whereClause(filter);
  const keyset = page.after
    ? ' and (c.created_at, c.id) > (select a.created_at, a.id from cases a where a.id = ?)'
    : '';
  const rows = await em.execute<CaseRow[]>(
    `select c.id, c.number, c.kind, c.status, c.channel, c.district, c.street, c.lat, c.lon,
            c.created_at, c.updated_at, e.name as event_name, s.name as subcategory_name
       from cases c
       left join taxonomy_events e on e.code = c.event_code
       left join subcategories s on s.code = e.subcategory
      where ${sql}${keyset}
      order by c.created_at, c.id
      limit ? offset ?`,
    [...params, ...(page.after ? [page.after] : []), page.limit, page.offset ?? 0],
  );
  const history = await publicStatusHistory(
    em,
    rows.map((row) => row.id),
  );
  const records = rows.map((row) => toRecord(row, history.get(row.id) ?? [], city));
  const lastRow = rows[rows.length - 1];
  return {
    records,
    last: lastRow ? lastRow.id : null,
  };
}

/** Status changes residents were shown (public events), oldest first, one entry per change. */
async function publicStatusHistory(
  em: EntityManager,
  caseIds: string[],
): Promise<Map<string, { status: CaseStatus; at: Date }[]>> {
  const history = new Map<string, { status: CaseStatus; at: Date }[]>();
  if (!caseIds.length) return history;
  const events = await em.execute<{ case_id: string; status: CaseStatus; created_at: Date | string }[]>(
    `select e.case_id, e.status, e.created_at
       from case_events e
      where e.case_id in (${caseIds.map(() => '?').join(', ')}) and e.is_public and e.status is not null
      order by e.case_id, e.id`,
    caseIds,
  );
  for (const event of events) {
    const changes = history.get(event.case_id) ?? [];
    // Comments and other public events repeat the status they happened in: only changes count.
    if (changes[changes.length - 1]?.status !== event.status) {
      changes.push({ status: event.status, at: new Date(event.created_at) });
    }
    history.set(event.case_id, changes);
  }
  return history;
}

function toRecord(
  row: CaseRow,
  changes: { status: CaseStatus; at: Date }[],
  city: string,
): NotificationRecord {
  // A status reached through an internal step only still is the case's status now.
  const timeline =
    changes[changes.length - 1]?.status === row.status
      ? changes
      : [...changes, { status: row.status, at: new Date(row.updated_at) }];
  const view = publicCaseView({
    number: row.number,
    kind: row.kind,
    status: row.status,
    eventCode: null,
    district: row.district,
    street: row.street,
    lat: row.lat,
    lon: row.lon,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  return {
    notificationNumber: view.number,
    category: KIND_NAMES.get(row.kind) ?? row.kind,
    subcategory: row.subcategory_name,
    event: row.event_name,
    notificationType: row.kind,
    city,
    district: view.district,
    street: view.street,
    street2: null,
    aparmentNumber: null,
    xCoordWGS84: view.lon,
    yCoordWGS84: view.lat,
    createDate: view.createdAt.getTime(),
    source: SOURCES[row.channel] ?? 'CKM',
    deviceType: DEVICE_TYPES[row.channel] ?? null,
    statuses: timeline.map(({ status, at }) => ({
      ...PUBLIC_STATUS_TEXTS[status],
      changeDate: at.getTime(),
    })),
  };
}
