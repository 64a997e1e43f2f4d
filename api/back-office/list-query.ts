import { z } from 'zod';

/**
 * The query string of ra-data-simple-rest: `sort=["field","ASC"]`, `range=[0,24]`,
 * `filter={"field":value}`, each JSON-encoded. Malformed JSON is a 400 naming the parameter.
 */
function jsonParam<T extends z.ZodType>(name: string, schema: T) {
  return z
    .string()
    .max(4000)
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be JSON` });
        return z.NEVER;
      }
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
    filter: jsonParam('filter', z.object(filter).strict()).optional(),
  });
}

export function contentRange(resource: string, from: number, count: number, total: number): string {
  const to = count === 0 ? from : from + count - 1;
  return `${resource} ${from}-${to}/${total}`;
}
