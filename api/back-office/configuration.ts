import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from '../../domain/errors';

/**
 * What the configuration screens (users, taxonomy, routing rules, SLA policies, units) share: the
 * audit trail of every change, paging in react-admin's terms, and the translation of the database's
 * own refusals into answers that name the field.
 */

/**
 * The resources by name; other configuration screens may record theirs too. The weekly office
 * hours are one record, `business-hours/week`, with a field per weekday and bound.
 */
export type ConfigResource =
  | 'users'
  | 'subcategories'
  | 'taxonomy-events'
  | 'routing-rules'
  | 'sla-policies'
  | 'units'
  | 'business-hours'
  | 'calendar-days'
  | 'response-templates'
  | (string & {});

/** Per changed field, the value before and after; secrets are recorded as changed, never by value. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

const REDACTED = '[secret]';

export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  secrets: readonly string[] = [],
): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = comparable(before[key]);
    const to = comparable(after[key]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[key] = secrets.includes(key)
      ? { from: from == null ? null : REDACTED, to: to == null ? null : REDACTED }
      : { from, to };
  }
  return changes;
}

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/**
 * One row in `config_changes`, in the same transaction as the change itself (a change that rolls
 * back leaves no trace, a committed one always has its row), and one log line with who and what.
 */
export async function recordConfigChange(
  tx: EntityManager,
  request: FastifyRequest,
  change: { resource: ConfigResource; recordId: string | number; action: string; changes?: FieldChanges },
): Promise<void> {
  const actor = request.staff;
  const changes = change.changes ?? {};
  await tx.execute(
    `insert into config_changes (actor_id, actor_username, resource, record_id, action, changes)
     values (?, ?, ?, ?, ?, ?)`,
    [
      actor?.id ?? null,
      actor?.username ?? 'system',
      change.resource,
      String(change.recordId),
      change.action,
      JSON.stringify(changes),
    ],
    'run',
  );
  request.log.info(
    {
      configChange: {
        actor: actor?.username,
        resource: change.resource,
        recordId: String(change.recordId),
        action: change.action,
        fields: Object.keys(changes),
      },
    },
    `configuration: ${actor?.username ?? 'system'} ${change.action} ${change.resource}/${change.recordId}`,
  );
}

/**
 * The ORM options of a react-admin page: `sort` and `range` are already validated by the schema.
 * react-admin sorts by `id` unless told otherwise (reference inputs and fields do): resources whose
 * id is another column name it as `idColumn`.
 */
export function pageOptions<S extends string>(
  query: { sort?: [S, 'ASC' | 'DESC']; range?: [number, number] },
  defaultSort: S,
  { idColumn = 'id', maxRows = 100 }: { idColumn?: string; maxRows?: number } = {},
) {
  const [sorted, order] = query.sort ?? [defaultSort, 'ASC'];
  const field = sorted === 'id' ? idColumn : sorted;
  const [from, to] = query.range ?? [0, maxRows - 1];
  return {
    from,
    options: {
      // The second key keeps pages stable when many rows share the sorted value.
      orderBy: {
        [field]: order === 'ASC' ? 'asc' : 'desc',
        ...(field === defaultSort ? {} : { [defaultSort]: 'asc' }),
      },
      limit: to - from + 1,
      offset: from,
    },
  } as const;
}

/** 422 with one message per field, as react-admin forms show them next to their inputs. */
export function unprocessable(problems: FieldProblem[]): AppError {
  return new AppError('UNPROCESSABLE', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    fields: problems,
  });
}

/** 409 for a value that must be unique, naming the field so the form marks it. */
export function conflict(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('CONFLICT', message, { ...details, fields: [{ field, message }] });
}

/** A race between the check in code and the insert still ends in a 409, not a 500. */
export async function refuseDuplicates<T>(
  work: () => Promise<T>,
  field: string,
  message: string,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(field, message);
    throw error;
  }
}
