import fc from 'fast-check';
import type { InjectOptions } from 'fastify';

/**
 * Malformed requests for every route the API documents, generated from its OpenAPI document so a
 * new route is fuzzed the day it is added. Each request aims at one operation and breaks its
 * path parameters, its query or its body with the values that have broken this API (or others)
 * before: control characters, dates outside any database's range, numbers at the edges of every
 * type, very long and very deeply nested bodies.
 *
 * Used by the back-office fuzz test (bounded, seeded) and by `bench/fuzz.ts` (20,000 requests).
 */

interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  /** A back-office list's `filter` names its keys (api/back-office/list-query.ts). */
  schema?: { 'x-filter-keys'?: string[] };
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}

interface OpenApiSchema {
  type?: string | string[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface FuzzedOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The documented path, `{name}` for each path parameter. */
  path: string;
  pathParameters: string[];
  queryParameters: string[];
  bodyProperties: string[];
  /** The keys of a back-office list's JSON `filter`, when the operation is such a list. */
  filterKeys: string[];
  hasBody: boolean;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Every operation of the document that `include` keeps. */
export function documentedOperations(
  document: OpenApiDocument,
  include: (operation: FuzzedOperation) => boolean,
): FuzzedOperation[] {
  const operations: FuzzedOperation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      const upper = method.toUpperCase();
      if (!METHODS.has(upper)) continue;
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const candidate: FuzzedOperation = {
        method: upper as FuzzedOperation['method'],
        path,
        pathParameters: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParameters: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProperties: Object.keys(bodySchema?.properties ?? {}),
        filterKeys:
          parameters.find((p) => p.in === 'query' && p.name === 'filter')?.schema?.['x-filter-keys'] ?? [],
        hasBody: operation.requestBody !== undefined,
      };
      if (include(candidate)) operations.push(candidate);
    }
  }
  return operations;
}

/** Text with one control character (not tab or a line break) somewhere in it. */
export const controlText = fc
  .tuple(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: 0, max: 159 }).filter((c) => (c < 32 && ![9, 10, 13].includes(c)) || c >= 127),
    fc.string({ maxLength: 12 }),
  )
  .map(([before, code, after]) => `${before}${String.fromCharCode(code)}${after}`);

/** Days and instants of the right shape that no city's data holds. */
export const extremeDay = fc.constantFrom(
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '2101-01-01',
  '9999-12-31',
  '+275760-09-13',
  '2024-02-30',
  '2024-13-01',
);
export const extremeDateTime = extremeDay.chain((day) =>
  fc.constantFrom(
    `${day}T00:00:00Z`,
    `${day}T23:59:59+01:00`,
    `${day}T24:00:00Z`,
    `${day}T12:00:00.000-05:00`,
  ),
);

/** Numbers at the edges of int32, int64, double and JavaScript's safe integers, as text. */
export const edgeNumberText = fc.constantFrom(
  '0',
  '-0',
  '-1',
  '2147483647',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '9223372036854775808',
  '1e308',
  '1e309',
  '-1e309',
  '5e-324',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  '１２３',
);
/** Numbers at the same edges, as JSON numbers. */
export const edgeNumber = fc.constantFrom(
  0,
  -0,
  -1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 + 2,
  2 ** 63,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MAX_VALUE,
  0.1 + 0.2,
  1.5,
);

/** Identifiers of the right shape that name nothing, and of almost the right shape. */
const idLike = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '00000000-0000-0000-0000-00000000000g',
    '2026/000001',
    '2026-000001',
    '0-0',
    'ZDM',
    'a'.repeat(300),
  ),
);

export const fuzzText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  controlText,
  extremeDay,
  extremeDateTime,
  edgeNumberText,
  idLike,
  fc.constantFrom(
    '',
    ' ',
    '%',
    '../..',
    '<script>',
    '{"a":',
    '\uFFFF',
    '\uD800',
    'null',
    "'; drop table cases; --",
  ),
  fc.string({ minLength: 10_001, maxLength: 10_050 }),
);

/** JSON values of every type, with the edge numbers and texts above inside. */
const fuzzValue: fc.Arbitrary<unknown> = fc.oneof(
  fuzzText,
  edgeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fuzzText, { maxLength: 3 }),
  fc.dictionary(fuzzText, fuzzText, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A body nested far deeper than any form: parsers must refuse it, not overflow their stack. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 500, max: 5000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);

function bodyFor(operation: FuzzedOperation): fc.Arbitrary<string> {
  const declared =
    operation.bodyProperties.length > 0
      ? fc
          .dictionary(fc.constantFrom(...operation.bodyProperties), fuzzValue, { minKeys: 1, maxKeys: 4 })
          .map((body) => JSON.stringify(body))
      : fc.constant('{}');
  return fc.oneof(
    { weight: 5, arbitrary: declared },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fuzzText },
    { weight: 1, arbitrary: deeplyNested },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 200_000, max: 1_200_000 })
        .map((length) => JSON.stringify({ [operation.bodyProperties[0] ?? 'text']: 'x'.repeat(length) })),
    },
  );
}

/** Keys most back-office lists filter on, tried on every list (a list refuses the ones it lacks). */
const GENERIC_FILTER_KEYS = [
  'q',
  'id',
  'status',
  'date',
  'from',
  'to',
  'createdAt_gte',
  'createdAt_lte',
  'officeId',
];

/**
 * One value of each kind that has broken a list, for trying every filter key of every list: a NUL
 * (the only control character PostgreSQL refuses outright), days JavaScript or PostgreSQL cannot
 * hold, an id past PostgreSQL's integer. Wrong types are left to the random requests.
 */
export const SHARP_FILTER_VALUES: readonly unknown[] = ['a\u0000b', '2024-02-30', '0000-01-01', 2 ** 31];

/** A value of the wrong kind, or of the right kind at an edge, for any filter key. */
const filterValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...SHARP_FILTER_VALUES) },
  { weight: 2, arbitrary: controlText },
  { weight: 2, arbitrary: extremeDay },
  { weight: 1, arbitrary: extremeDateTime },
  { weight: 2, arbitrary: edgeNumber },
  { weight: 1, arbitrary: edgeNumberText },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(edgeNumber, controlText, idLike), { minLength: 1, maxLength: 3 }),
  },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, {}, [], { a: 1 }, [[]], 1e308) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

/**
 * ra-data-simple-rest's JSON parameters, well-formed JSON with malformed content: a filter on the
 * list's own keys (and common ones) holding control characters, extreme dates, huge numbers and
 * wrong types; sorts on any field; ranges at the edges of every integer type.
 */
function listParameter(name: string, filterKeys: string[]): fc.Arbitrary<string> {
  if (name === 'filter') {
    return fc
      .dictionary(
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...filterKeys, 'q') },
          fc.constantFrom(...GENERIC_FILTER_KEYS),
        ),
        filterValue,
        {
          minKeys: 1,
          maxKeys: 3,
        },
      )
      .map((filter) => JSON.stringify(filter));
  }
  if (name === 'range') {
    return fc
      .tuple(edgeNumber, fc.oneof(edgeNumber, fc.nat({ max: 600 })))
      .map((range) => JSON.stringify(range));
  }
  return fc
    .tuple(
      fc.oneof(fuzzText, fc.constantFrom(...filterKeys, 'id', 'createdAt')),
      fc.constantFrom('ASC', 'DESC', 'asc', ''),
    )
    .map((sort) => JSON.stringify(sort));
}

/** What a request breaks: everything it can, or only the path parameters (an empty JSON body, no query). */
export interface FuzzOptions {
  pathOnly?: boolean;
}

/** One malformed request for `operation`. */
export function requestFor(
  operation: FuzzedOperation,
  headers: Record<string, string> = {},
  options: FuzzOptions = {},
): fc.Arbitrary<InjectOptions> {
  const pathValues = fc.tuple(...operation.pathParameters.map(() => fuzzText));
  const listParameters = ['filter', 'sort', 'range'].filter((name) =>
    operation.queryParameters.includes(name),
  );
  const query =
    operation.queryParameters.length > 0
      ? fc.dictionary(fc.constantFrom(...operation.queryParameters, 'unexpected'), fuzzText, { maxKeys: 4 })
      : fc.dictionary(fc.constantFrom('unexpected', 'filter', 'range'), fuzzText, { maxKeys: 1 });
  const listQuery =
    listParameters.length > 0
      ? fc.oneof(
          { weight: 1, arbitrary: query },
          {
            weight: 2,
            arbitrary: fc
              .constantFrom(...listParameters)
              .chain((name) =>
                listParameter(name, operation.filterKeys).map(
                  (value) => ({ [name]: value }) as Record<string, string>,
                ),
              ),
          },
        )
      : query;
  return fc
    .record({
      values: operation.pathParameters.length > 0 ? pathValues : fc.constant([] as string[]),
      query: options.pathOnly ? fc.constant({}) : listQuery,
      body:
        operation.method === 'GET' || operation.method === 'DELETE'
          ? fc.constant(undefined)
          : options.pathOnly
            ? fc.constant('{}')
            : bodyFor(operation),
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', '') },
      ),
    })
    .map(({ values, query, body, contentType }) => {
      let url = operation.path;
      operation.pathParameters.forEach((name, index) => {
        // An empty segment would only ask the router for another route.
        url = url.replace(`{${name}}`, encodePathSegment(values[index] || '-'));
      });
      const search = new URLSearchParams(query as Record<string, string>).toString();
      const request: InjectOptions = {
        method: operation.method,
        url: search ? `${url}?${search}` : url,
        headers: { ...headers, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      };
      if (body !== undefined) request.payload = body;
      return request;
    });
}

/**
 * Percent-encodes a path segment; a lone surrogate becomes the bytes a careless client would send
 * for it (`%ED%A0%80`, not UTF-8), which the server must refuse rather than fail on.
 */
function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80').replace(/[^%\w.-]/g, (c) => encodeURIComponent(c));
  }
}

/** A request for any of `operations`, each equally likely. */
export function requestForAny(
  operations: FuzzedOperation[],
  headers: fc.Arbitrary<Record<string, string>> = fc.constant({}),
  options: FuzzOptions = {},
): fc.Arbitrary<InjectOptions> {
  return headers.chain((h) => fc.oneof(...operations.map((operation) => requestFor(operation, h, options))));
}
