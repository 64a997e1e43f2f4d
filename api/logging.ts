import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config';
import { redactLogLine } from '../domain/text/redact-log-line';

/** Where log lines go; stdout unless a caller (a test) reads them itself. */
export interface LogDestination {
  write(line: string): unknown;
}

/**
 * The API's pino options: every line, request logs and error logs alike, passes through
 * redactLogLine just before it is written, so no serializer or call site can forget it.
 */
export function loggerOptions(config: Config, destination?: LogDestination): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  return {
    level: config.logLevel,
    hooks: { streamWrite: redactLogLine },
    ...(destination ? { stream: destination } : {}),
  };
}
