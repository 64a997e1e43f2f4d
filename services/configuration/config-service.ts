import type { EntityData, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppError, FieldProblem } from '../../domain/errors';
import type { ConfigEditor, FieldChanges } from './audit-trail';
import {
  deleteAudited,
  filterWhere,
  findPage,
  findRow,
  fork,
  insertAudited,
  updateAudited,
  type ConfigDeps,
  type ConfigTable,
  type Page,
  type PageQuery,
  type PageShape,
} from './config-records';
import { conflict, unprocessable, type DatabaseRefusals } from './refusals';

type Key = string | number;
type Filter = Record<string, unknown>;

/** The operations react-admin calls on a configuration resource, as the API's routes call them. */
export interface ConfigurationService<Id extends Key, C, U, R> {
  list(deps: ConfigDeps, query: PageQuery & { filter?: Filter }, viewer: ConfigEditor): Promise<Page<R>>;
  get(deps: ConfigDeps, id: Id, viewer: ConfigEditor): Promise<R>;
  create(deps: ConfigDeps, body: C, editor: ConfigEditor): Promise<R>;
  update(deps: ConfigDeps, change: { id: Id; body: U }, editor: ConfigEditor): Promise<R>;
  remove(deps: ConfigDeps, id: Id, editor: ConfigEditor): Promise<R>;
}

/**
 * A configuration resource's own rules, around the plumbing all of them share. `A` are the fields
 * the audit trail records, `C` the body of a create (the fields, and the key where it is chosen).
 */
export interface ConfigurationRules<
  E extends object,
  A extends object,
  K extends keyof E & string,
  R,
  C extends A,
  U,
> extends ConfigTable<E, A, K> {
  /**
   * The record the API answers, `viewer` for what only some may see: unless told, react-admin's `id`
   * (the key) and the audited fields.
   */
  present?(row: E, viewer: ConfigEditor): R;
  /** The records of several rows at once, when they need more queries (counts of what they hold). */
  presentAll?(em: EntityManager, rows: E[]): Promise<R[]>;
  /** The list's default sort and page. */
  page: { defaultSort: string } & PageShape;
  /** The columns the list's `q` searches. */
  search?: string[];
  /** The list's filter, when more than `filterWhere` of it. */
  where?(filter: Filter, viewer: ConfigEditor, em: EntityManager): Filter | Promise<Filter>;
  /** What of the table `viewer` may see at all. */
  visible?(viewer: ConfigEditor): Filter;
  /** An update's fields, when its body is not simply some of them. */
  merge?(before: A, body: U): A;
  /**
   * What makes these fields a 422, unchanged ones of `previous` aside (null for a new record);
   * `key` is the record's (chosen by a create, when it chooses one), `config` for checks it sets.
   */
  problems?(
    em: EntityManager,
    fields: A,
    previous: A | null,
    context: { key?: Key; config: ConfigDeps['config'] },
  ): Promise<FieldProblem[]>;
  /** The 409 (or 422) refusing these fields, other than record `id`'s own. */
  refusal?(em: EntityManager, fields: A, id?: Key): Promise<AppError | null>;
  /** What a create says when the key it chooses is taken. */
  taken?(key: Key): string;
  /** The refusals of the database a race past the checks above may still meet. */
  refusals?(fields: A): DatabaseRefusals;
  /** How the fields are stored, when not as they are. */
  stored?(fields: A): EntityData<E>;
  /** The row a created record is, when more than its stored fields. */
  data?(body: C, editor: ConfigEditor): RequiredEntityData<E>;
  /** What the trail records of a created record, when not its audited fields. */
  audit?(body: C): object;
  /** Only for a change that changes something (who edited it last). */
  touch?(row: E, editor: ConfigEditor): void;
  /** More work in the transaction of a create or of an update that changed something. */
  then?(tx: EntityManager, row: E, editor: ConfigEditor, changes: FieldChanges): Promise<void>;
  /** Throws the 409 naming what still uses the record, or removes what goes with it. */
  check?(tx: EntityManager, row: E, editor: ConfigEditor): Promise<void>;
}

/**
 * The list, one record, create, update and delete of a configuration table: each change checked by
 * the resource's rules and written with its audit row. A resource replaces what it does otherwise.
 */
export function configurationService<
  E extends object,
  A extends object,
  K extends keyof E & string,
  R = { id: E[K] } & A,
  C extends A = A,
  U = Partial<A>,
>(rules: ConfigurationRules<E, A, K, R, C, U>): ConfigurationService<E[K] & Key, C, U, R> {
  const present = (row: E, viewer: ConfigEditor) =>
    rules.present ? rules.present(row, viewer) : ({ id: row[rules.key], ...rules.audited(row) } as R);
  const refuse = async (
    { em, config }: { em: EntityManager; config: ConfigDeps['config'] },
    fields: A,
    previous: A | null,
    { id, key = id }: { id?: Key; key?: Key },
  ) => {
    const problems = (await rules.problems?.(em, fields, previous, { key, config })) ?? [];
    if (problems.length) throw unprocessable(problems);
    const refusal = await rules.refusal?.(em, fields, id);
    if (refusal) throw refusal;
  };
  const stored = (fields: A) => rules.stored?.(fields) ?? (fields as EntityData<E>);
  const presentOne = async (em: EntityManager, row: E, viewer: ConfigEditor) =>
    rules.presentAll ? (await rules.presentAll(em, [row]))[0]! : present(row, viewer);
  const hooks = (editor: ConfigEditor) => ({
    touch: rules.touch && ((row: E) => rules.touch!(row, editor)),
    then:
      rules.then &&
      ((tx: EntityManager, row: E, changes: FieldChanges) => rules.then!(tx, row, editor, changes)),
  });
  return {
    list: async ({ orm }, { filter = {}, ...query }, viewer) => {
      const em = fork(orm);
      const where = { ...((await rules.where?.(filter, viewer, em)) ?? filterWhere(filter, rules)) };
      return findPage(em, rules.entity, where, { query, idColumn: rules.key, ...rules.page }, (rows) =>
        rules.presentAll ? rules.presentAll(em, rows) : rows.map((row) => present(row, viewer)),
      );
    },
    get: async ({ orm }, id, viewer) => {
      const em = fork(orm);
      return presentOne(em, await findRow(em, rules, id, rules.visible?.(viewer)), viewer);
    },
    create: async ({ orm, config }, body, editor) => {
      const em = fork(orm);
      const key = (body as Record<string, Key | undefined>)[rules.key];
      await refuse({ em, config }, body, null, { key });
      const taken = rules.taken && { field: rules.key, message: rules.taken(key!) };
      if (taken && (await em.count(rules.entity, { [rules.key]: key } as never))) {
        throw conflict(taken.field, taken.message);
      }
      const data = rules.data?.(body, editor) ?? (stored(body) as RequiredEntityData<E>);
      const refusals = { unique: taken || undefined, ...rules.refusals?.(body) };
      const row = await insertAudited(em, editor, rules, data, {
        ...hooks(editor),
        refusals,
        audit: rules.audit?.(body),
      });
      return presentOne(em, row, editor);
    },
    update: async ({ orm, config }, { id, body }, editor) => {
      const em = fork(orm);
      const before = rules.audited(await findRow(em, rules, id, rules.visible?.(editor)));
      const target = rules.merge?.(before, body) ?? { ...before, ...body };
      await refuse({ em, config }, target, before, { id });
      const change = (row: E) => Object.assign(row, stored(target));
      const row = await updateAudited(em, editor, rules, id, change, {
        ...hooks(editor),
        refusals: rules.refusals?.(target),
      });
      return presentOne(em, row, editor);
    },
    remove: ({ orm }, id, editor) =>
      deleteAudited(
        fork(orm),
        editor,
        rules,
        id,
        (row) => present(row, editor),
        rules.check && ((tx, row) => rules.check!(tx, row, editor)),
      ),
  };
}
