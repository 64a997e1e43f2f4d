import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/errors';

/**
 * Rules every route's input follows, whatever its own schema says: shared here so that a class of
 * bad input is refused everywhere at once, with a 4xx that names the field, before any of it
 * reaches PostgreSQL (which refuses a NUL byte in text and dates outside its range with an error
 * that would otherwise surface as a 500).
 */

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. Nobody types them;
 * PostgreSQL refuses U+0000 in text outright, and the others break CSV, XML and mail headers.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's job
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const codePoint = (character: string) =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Parsed JSON, form and query objects only: never a stream, buffer or anything with cycles. Query
 * and form parsers build their objects on a prototype that itself has none (fast-querystring).
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}

/** The first string in `value` (any depth) holding a control character: its path and the character. */
export function findControlCharacter(
  value: unknown,
  root: string,
): { field: string; character: string } | null {
  // Iterative, so a deeply nested body cannot overflow the stack.
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      const found = CONTROL_CHARACTER.exec(item);
      if (found) return { field: path, character: codePoint(found[0]) };
    } else if (Array.isArray(item)) {
      item.forEach((entry, i) => pending.push([entry, `${path}.${i}`]));
    } else if (isPlainObject(item)) {
      for (const [key, entry] of Object.entries(item)) {
        const field = `${path}.${key}`;
        const inKey = CONTROL_CHARACTER.exec(key);
        if (inKey) return { field, character: codePoint(inKey[0]) };
        pending.push([entry, field]);
      }
    }
  }
  return null;
}

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
