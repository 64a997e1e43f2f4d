import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, type FieldProblem } from '../../domain/errors';

/**
 * What the configuration screens (users, taxonomy, routing rules, SLA policies, units) share: the
 * audit trail of every change, paging in react-admin's terms, and the translation of the database's
 * own refusals into answers that name the field.
 */

// The audit trail lives in services/configuration/audit-trail.ts; the routes not yet moved onto
// configurationRoutes reach it through here (a FastifyRequest is a ConfigEditor).
export {
  changedFields,
  recordConfigChange,
  type ConfigResource,
  type FieldChanges,
} from '../../services/configuration/audit-trail';

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
