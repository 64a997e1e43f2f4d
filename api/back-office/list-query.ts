import { z } from 'zod';
import { findControlCharacter } from '../../domain/text/control-characters';

/**
 * The query string of ra-data-simple-rest: `sort=["field","ASC"]`, `range=[0,24]`,
 * `filter={"field":value}`, each JSON-encoded. Malformed JSON is a 400 naming the parameter.
 *
 * The control-character rule (api/input-rules.ts) reads the raw query, where `"\u0000"` inside the
 * JSON is six harmless characters; decoded, it is a NUL that PostgreSQL refuses with an error. So
 * the decoded value is checked here, once for every list, with the same 400 as the rule's.
 */
function jsonParam<T extends z.ZodType>(name: string, schema: T) {
  return z
    .string()
    .max(4000)
    .transform((raw, ctx) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be JSON` });
        return z.NEVER;
      }
      const found = findControlCharacter(parsed, name);
      if (found) {
        ctx.addIssue({
          code: 'custom',
          path: found.field.split('.').slice(1),
          message: `must not contain control characters (found ${found.character})`,
        });
        return z.NEVER;
      }
      return parsed;
    })
    .pipe(schema);
}

export function listQuerySchema<F extends z.ZodRawShape>(
  sortable: readonly [string, ...string[]],
  filter: F,
) {
  return z.object({
    sort: jsonParam('sort', z.tuple([z.enum(sortable), z.enum(['ASC', 'DESC'])])).optional(),
    range: jsonParam(
      'range',
      z
        .tuple([z.number().int().min(0), z.number().int().min(0)])
        .refine(([from, to]) => to >= from && to - from < 500, 'must be [from, to] with at most 500 rows'),
    ).optional(),
    // The keys are in the OpenAPI document (the parameter itself is text) so clients and the
    // route fuzz (tests/support/route-fuzz.ts) know what a list filters on.
    filter: jsonParam('filter', z.object(filter).strict())
      .meta({ 'x-filter-keys': Object.keys(filter) })
      .optional(),
  });
}

export function contentRange(resource: string, from: number, count: number, total: number): string {
  const to = count === 0 ? from : from + count - 1;
  return `${resource} ${from}-${to}/${total}`;
}
