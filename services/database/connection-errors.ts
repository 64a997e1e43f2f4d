import { ConnectionException } from '@mikro-orm/core';

// Socket-level failures to reach the server, as Node and pg report them.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

// SQLSTATEs of a server that is going away or not taking connections yet (class 08 is matched whole).
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '53300', // too_many_connections
  '53100', // disk_full: nothing was written, and an operator freeing space makes a retry work
]);

const PROTOCOL_VIOLATION = '08P01';

// Messages of pg, pg-pool and knex's pool that carry no code.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout expired$/,
  /^timeout exceeded when trying to connect$/,
  /Timeout acquiring a connection/,
  /Client has encountered a connection error and is not queryable/,
  /^Connection ended unexpectedly$/,
];

/**
 * Whether an error means PostgreSQL cannot be reached or is not taking queries right now, as
 * opposed to a query it refused: the former is worth retrying in a moment (503), the latter not.
 * Follows `cause` chains and AggregateErrors, since the pool and the ORM wrap the driver's error.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  // A protocol violation (08P01) is in the connection class but is a message this process sent
  // malformed, such as a NUL byte in a text parameter: the same request would fail again.
  if (code === PROTOCOL_VIOLATION) return false;
  if (error instanceof ConnectionException) return true;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
      return true;
  }
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  const nested = [error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
