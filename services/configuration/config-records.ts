import type { EntityName, FilterQuery, OrderDefinition, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../db/orm';
import { AppError } from '../../domain/errors';
import type { ServiceDeps } from '../service-deps';
import {
  changedFields,
  recordConfigChange,
  type ConfigEditor,
  type ConfigResource,
  type FieldChanges,
} from './audit-trail';
import { translateRefusals, type DatabaseRefusals } from './refusals';

/**
 * What the configuration resources share on the database side: a page of a list in react-admin's
 * terms, one record or a 404, and changes that write their audit row in their own transaction.
 */

/** What the configuration services need: the database, and the configuration for a few checks. */
export type ConfigDeps = Pick<ServiceDeps, 'orm' | 'config'>;

/** A unit of work of its own: the ORM's global context is never used across requests. */
export const fork = (orm: Orm): EntityManager => orm.em.fork();

/** react-admin's sort and range, as the route's schema validated them. */
export interface PageQuery<S extends string = string> {
  sort?: [S, 'ASC' | 'DESC'];
  range?: [number, number];
}

/** One page of a list: its records, the index of the first, and how many match in all. */
export interface Page<T> {
  records: T[];
  from: number;
  total: number;
}

export interface PageShape {
  /** react-admin sorts by `id` unless told otherwise: resources whose id is another column name it. */
  idColumn?: string;
  maxRows?: number;
  /** Newest first, say, when react-admin asks for no sort. */
  defaultOrder?: 'ASC' | 'DESC';
  /** A last sort key, for lists whose default sort is not unique either. */
  thenBy?: string;
}

/** The ORM options of a react-admin page. */
export function pageOptions<S extends string>(
  query: PageQuery<S>,
  defaultSort: S,
  { idColumn = 'id', maxRows = 100, defaultOrder = 'ASC', thenBy }: PageShape = {},
) {
  const [sorted, order] = query.sort ?? [defaultSort, defaultOrder];
  const field = sorted === 'id' ? idColumn : sorted;
  const [from, to] = query.range ?? [0, maxRows - 1];
  return {
    from,
    options: {
      // The second key keeps pages stable when many rows share the sorted value.
      orderBy: {
        [field]: order === 'ASC' ? 'asc' : 'desc',
        ...(field === defaultSort ? {} : { [defaultSort]: 'asc' }),
        ...(thenBy ? { [thenBy]: 'asc' } : {}),
      },
      limit: to - from + 1,
      offset: from,
    },
  } as const;
}

/**
 * react-admin's list filter as a where clause: `id` lists keys (of the `key` column), `q` searches
 * the `search` columns, and any other field not in `skip` matches its value (one of a list).
 */
export function filterWhere(
  filter: Record<string, unknown>,
  { key = 'id', search = [], skip = [] }: { key?: string; search?: string[]; skip?: string[] } = {},
): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || skip.includes(field)) continue;
    if (field === 'q') {
      if (search.length) where.$or = search.map((column) => ({ [column]: { $ilike: `%${String(value)}%` } }));
    } else {
      where[field === 'id' ? key : field] = Array.isArray(value) ? { $in: value } : value;
    }
  }
  return where;
}

/** A page of rows matching `where`, with the total a Content-Range names. */
export async function findPage<E extends object, S extends string, R>(
  em: EntityManager,
  entity: EntityName<E>,
  where: Record<string, unknown>,
  page: { query: PageQuery<S>; defaultSort: S } & PageShape,
  present: (rows: E[]) => R[] | Promise<R[]>,
): Promise<Page<R>> {
  const { from, options } = pageOptions(page.query, page.defaultSort, page);
  const [rows, total] = await em.findAndCount(entity, where as FilterQuery<E>, {
    ...options,
    orderBy: options.orderBy as OrderDefinition<E>,
  });
  return { records: await present(rows), from, total };
}

/** Another row than `id` (none excluded for a new record): where a value must be unique. */
export const otherThan = <K extends string | number>(id?: K) => (id !== undefined ? { id: { $ne: id } } : {});

/** A configuration table: its entity, its name in the audit trail and what is audited of a row. */
export interface ConfigTable<
  E extends object,
  A extends object,
  K extends keyof E & string = keyof E & string,
> {
  entity: EntityName<E>;
  resource: ConfigResource;
  /** The column react-admin's `id` stands for, which the audit trail names records by. */
  key: K;
  /** What a missing record is called: "routing rule" answers "No routing rule 7". */
  noun: string;
  audited(row: E): A;
  /** Fields recorded as changed, never by value. */
  secrets?: readonly string[];
}

type AnyTable<E extends object> = ConfigTable<E, object>;

const keyOf = <E extends object>(table: AnyTable<E>, row: E) => row[table.key] as unknown as string | number;

export async function findRow<E extends object>(
  em: EntityManager,
  table: AnyTable<E>,
  id: string | number,
  where: Record<string, unknown> = {},
): Promise<E> {
  const row = await em.findOne(table.entity, { [table.key]: id, ...where } as FilterQuery<E>);
  if (!row) throw new AppError('NOT_FOUND', `No ${table.noun} ${id}`);
  return row;
}

/** How a change is written: what the database's refusals answer, and more work after its audit row. */
interface ChangeOptions<E> {
  refusals?: DatabaseRefusals;
  then?: (tx: EntityManager, row: E, changes: FieldChanges) => Promise<void>;
}

/** The audit row of a change to `row`, then what else the change does in its transaction. */
async function audit<E extends object>(
  tx: EntityManager,
  editor: ConfigEditor,
  table: AnyTable<E>,
  row: E,
  change: { action: string; changes: FieldChanges; then?: ChangeOptions<E>['then'] },
) {
  await recordConfigChange(tx, editor, {
    resource: table.resource,
    recordId: keyOf(table, row),
    action: change.action,
    changes: change.changes,
  });
  await change.then?.(tx, row, change.changes);
}

/** Inserts a row and its audit row in one transaction. */
export async function insertAudited<E extends object, A extends object>(
  em: EntityManager,
  editor: ConfigEditor,
  table: ConfigTable<E, A>,
  data: RequiredEntityData<E>,
  /** `audit`: what the trail records as created, when not the audited fields of the row. */
  { refusals, then, audit: created }: ChangeOptions<E> & { audit?: object } = {},
): Promise<E> {
  const insert = async (tx: EntityManager) => {
    const row = tx.create(table.entity, data);
    await tx.flush();
    const changes = changedFields({}, created ?? table.audited(row), table.secrets);
    await audit(tx, editor, table, row, { action: 'create', changes, then });
    return row;
  };
  return translateRefusals(() => em.transactional(insert), refusals);
}

/**
 * Changes a row in a transaction that also writes its audit row, if anything audited changed: an
 * unchanged save leaves no trace. `action` names the change in the trail (`update` unless told);
 * `touch` marks a change that changes something (who edited it last).
 */
export async function updateAudited<E extends object, A extends object>(
  em: EntityManager,
  editor: ConfigEditor,
  table: ConfigTable<E, A>,
  id: string | number,
  change: (row: E, tx: EntityManager) => void,
  {
    refusals,
    then,
    action = 'update',
    touch,
  }: ChangeOptions<E> & { action?: string; touch?: (row: E) => void } = {},
): Promise<E> {
  const update = async (tx: EntityManager) => {
    const row = await findRow(tx, table, id);
    const before = table.audited(row);
    change(row, tx);
    const changes = changedFields(before, table.audited(row), table.secrets);
    if (!Object.keys(changes).length) return row;
    touch?.(row);
    await tx.flush();
    await audit(tx, editor, table, row, { action, changes, then });
    return row;
  };
  return translateRefusals(() => em.transactional(update), refusals);
}

/**
 * Removes a row with its audit row; `check` refuses (a 409 naming what still uses it) or removes
 * what goes with it. Answers the record as it was.
 */
export async function deleteAudited<E extends object, A extends object, R>(
  em: EntityManager,
  editor: ConfigEditor,
  table: ConfigTable<E, A>,
  id: string | number,
  present: (row: E) => R,
  check?: (tx: EntityManager, row: E) => Promise<void>,
): Promise<R> {
  return em.transactional(async (tx) => {
    const row = await findRow(tx, table, id);
    await check?.(tx, row);
    const record = present(row);
    await audit(tx, editor, table, row, {
      action: 'delete',
      changes: changedFields(table.audited(row), {}, table.secrets),
    });
    tx.remove(row);
    return record;
  });
}
