import { z } from 'zod';
import { supportedDateTime } from '../input-rules';
import type { CreatedServiceRequest, ServiceRequestInput } from '../../services/open311/open311-intake';
import type { Open311ServiceRequest } from '../../services/open311/open311-requests';
import type { Open311Service, Open311ServiceAttribute } from '../../services/open311/open311-services';
import { idempotencyHeaders } from '../public-cases/public-cases.schemas';

/**
 * Inputs and outputs of the GeoReport v2 API. The response shapes follow the official JSON Schemas
 * (tests/fixtures/open311/), which the integration tests validate every JSON answer against.
 */

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

const format = z
  .enum(OPEN311_FORMATS, { error: 'must be json or xml' })
  .describe('Response format: the path ends in .json or .xml');

/** Every 200 is JSON, or the same document as XML when the path ends in .xml. */
export const asXmlToo = <T extends z.ZodType>(json: T) =>
  z.union([json, z.string().describe('The same document as XML (text/xml), for the .xml format')]);

export const formatParams = z.object({ format });

export const serviceParams = z.object({
  service_code: z.string().min(1).max(64).describe('A service code from GET /services'),
  format,
});

export const serviceRequestParams = z.object({
  service_request_id: z
    .string()
    .min(1)
    .max(64)
    .describe('A case number, its slash URL-encoded (000123%2F26) or written as a dash (000123-26)'),
  format,
});

export const tokenParams = z.object({
  token: z.string().min(1).max(64).describe('The token returned by POST /requests'),
  format,
});

/** The spec's lists: comma-separated, or the parameter repeated, or both. */
const listParam = (maxLength: number) =>
  z.union([z.string().max(maxLength), z.array(z.string().max(maxLength)).max(100)]).transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((part) => part.split(','))
      .map((part) => part.trim())
      .filter(Boolean),
  );
const codeList = listParam(20_000).pipe(z.array(z.string().max(64)));
const statusList = listParam(100).pipe(
  z.array(z.enum(['open', 'closed'], { error: 'must be open or closed' })),
);

const dateTime = supportedDateTime(
  'must be a W3C date-time with a time zone, such as 2026-11-29T10:00:00+01:00',
);

export const requestsQuery = z.object({
  jurisdiction_id: z.string().max(100).optional().describe('Ignored: this endpoint serves one city'),
  service_request_id: codeList
    .optional()
    .describe('Comma-separated service request ids; when given, every other filter is ignored'),
  service_code: codeList.optional().describe('Comma-separated service codes'),
  start_date: dateTime
    .optional()
    .describe('Earliest requested_datetime; defaults to 90 days before end_date'),
  end_date: dateTime
    .optional()
    .describe('Latest requested_datetime; defaults to now, at most 90 days after start_date'),
  status: statusList.optional().describe('open, closed or both, comma-separated'),
});

/** The headers the intake reads; Fastify keeps the others next to the validated ones. */
export const createRequestHeaders = idempotencyHeaders.extend({
  'accept-language': z
    .string()
    .max(500)
    .optional()
    .describe("The resident's language for the city's e-mails: en for English, Polish otherwise"),
});

/** Form fields arrive as strings and clients send empty fields for what they do not have. */
const blank = z.literal('').transform(() => undefined);
const field = <T extends z.ZodType>(schema: T) => z.union([blank, schema]).optional();

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const coordinate = (limit: number) =>
  z
    .union([blank, z.number(), z.string().trim().regex(NUMBER).transform(Number)], {
      error: 'must be a number',
    })
    .pipe(z.number().min(-limit).max(limit).optional())
    .optional();

export const createRequestBody = z
  .looseObject({
    api_key: z
      .string()
      .optional()
      .describe('The key issued to the client application (also accepted in the query)'),
    jurisdiction_id: field(z.string().max(100)).describe('Ignored: this endpoint serves one city'),
    service_code: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(64)
      .describe('A service code from GET /services'),
    lat: coordinate(90).describe('WGS84 latitude; with long, or give address_string'),
    long: coordinate(180).describe('WGS84 longitude'),
    address_string: field(z.string().trim().max(255)).describe(
      'The place in words, when there is no lat/long',
    ),
    address_id: field(z.string().trim().max(100)).describe(
      'Not supported here: send lat/long or address_string',
    ),
    email: field(z.email('must be an e-mail address').max(254)),
    device_id: field(z.string().max(200)).describe('Ignored'),
    account_id: field(z.string().max(200)).describe('Ignored'),
    first_name: field(z.string().trim().max(100)),
    last_name: field(z.string().trim().max(100)),
    phone: field(z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')),
    description: field(z.string().trim().max(4000)),
    media_url: field(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048)),
  })
  .describe(
    'Form-encoded (as the spec says) or JSON; attributes as attribute[CODE] fields',
  ) satisfies z.ZodType<ServiceRequestInput>;

export const serviceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string().nullable(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string().nullable(),
  group: z.string().nullable(),
}) satisfies z.ZodType<Open311Service>;

export const serviceAttributeSchema = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  datatype_description: z.string().nullable(),
  order: z.number().int().nullable(),
  description: z.string().nullable(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
}) satisfies z.ZodType<Open311ServiceAttribute>;

export const serviceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(serviceAttributeSchema),
});

export const serviceRequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string().nullable(),
  service_code: z.string(),
  description: z.string().max(4000).nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string().nullable(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
}) satisfies z.ZodType<Open311ServiceRequest>;

/** No account_id: residents have no accounts here, and the spec types it as a string, not null. */
export const createdRequestSchema = z.object({
  service_request_id: z.string(),
  token: z.string(),
  service_notice: z.string(),
}) satisfies z.ZodType<CreatedServiceRequest>;

export const tokenSchema = z.object({ service_request_id: z.string(), token: z.string() });

export const discoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});

export const open311ErrorsSchema = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .describe('GeoReport v2 errors, as JSON or as <errors><error> XML, following the path format');
export type Open311Errors = z.infer<typeof open311ErrorsSchema>;
