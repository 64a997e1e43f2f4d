import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/errors';
import { findControlCharacter } from '../domain/text/control-characters';

/**
 * Rules every route's input follows, whatever its own schema says: shared here so that a class of
 * bad input is refused everywhere at once, with a 4xx that names the field, before any of it
 * reaches PostgreSQL (which refuses a NUL byte in text and dates outside its range with an error
 * that would otherwise surface as a 500).
 */

/**
 * Refuses any request whose path parameters, query or parsed body hold a control character
 * (400 VALIDATION_FAILED naming the field), before the route's own validation runs. Multipart
 * and binary bodies are streams or buffers here and are checked where they are read.
 */
export function refuseControlCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found =
      findControlCharacter(request.params, 'params') ??
      findControlCharacter(request.query, 'query') ??
      findControlCharacter(request.body, 'body');
    if (!found) return;
    const { field } = found;
    throw new AppError('VALIDATION_FAILED', `Invalid ${field}: must not contain control characters`, {
      fields: [{ field, message: `must not contain control characters (found ${found.character})` }],
    });
  });
}

/**
 * Dates the product accepts anywhere: the city's history starts long after 1990, and nothing is
 * planned beyond 2100. PostgreSQL's own range is far wider, but a year 0 or 10000 only ever comes
 * from a typo or a hostile client.
 */
export const SUPPORTED_DATES = { from: '1990-01-01', to: '2100-12-31' } as const;
const SUPPORTED_FROM_MS = Date.parse(`${SUPPORTED_DATES.from}T00:00:00Z`);
const SUPPORTED_TO_MS = Date.parse(`${SUPPORTED_DATES.to}T23:59:59.999Z`);
const OUT_OF_RANGE = `must be between ${SUPPORTED_DATES.from} and ${SUPPORTED_DATES.to}`;

export function isSupportedInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= SUPPORTED_FROM_MS && ms <= SUPPORTED_TO_MS;
}

/** A calendar day `YYYY-MM-DD` within the supported range. */
export const supportedDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a calendar date')
  .refine((value) => isSupportedInstant(Date.parse(`${value}T00:00:00Z`)), OUT_OF_RANGE);

/** An ISO 8601 date-time with a time zone, within the supported range. */
export const supportedDateTime = (
  error = 'must be a date-time with a time zone, such as 2026-11-29T10:00:00+01:00',
) =>
  z.iso
    .datetime({ offset: true, error })
    .refine((value) => isSupportedInstant(Date.parse(value)), OUT_OF_RANGE);

/**
 * The largest id a serial column holds: PostgreSQL's `integer` is 32-bit and answers a larger
 * value with an error (a 500) rather than "no such row".
 */
export const MAX_DATABASE_ID = 2_147_483_647;
const ID_RANGE = `must be an id from 1 to ${MAX_DATABASE_ID}`;

/** A serial id in a JSON body or filter. */
export const databaseId = z.number().int(ID_RANGE).min(1, ID_RANGE).max(MAX_DATABASE_ID, ID_RANGE);

/** A serial id in a path parameter or query string (text), or in a filter that may send it as text. */
export const databaseIdText = z.coerce.number().int(ID_RANGE).min(1, ID_RANGE).max(MAX_DATABASE_ID, ID_RANGE);
