import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../services/database/connection-errors';
import { AppError, ERROR_CODES, type ErrorCode } from '../domain/errors';
import { isTemporalUnavailable } from '../services/temporal/temporal-errors';

/** The body of every error answer: a stable code, a sentence for people, and per-field messages. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode | 'NOT_FOUND' | 'INTERNAL';
  message: string;
  errors?: Record<string, string>;
  [detail: string]: unknown;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
};

function fieldName(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (context === 'body' || !context) return path || 'body';
  const prefix = context === 'querystring' ? 'query' : context;
  return path ? `${prefix}.${path}` : prefix;
}

/** How long a client should wait before retrying an answer 503: about a database failover or restart. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * A dependency that cannot be reached is a 503 worth retrying, not a 500: PostgreSQL or Temporal
 * down or restarting becomes this AppError. Exported for the other error handler (Open311's).
 */
export function asDependencyUnavailable(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error.code === 'DEPENDENCY_UNAVAILABLE' ? error : undefined;
  if (isDatabaseUnavailable(error)) {
    return new AppError(
      'DEPENDENCY_UNAVAILABLE',
      'The database is not reachable right now; nothing was changed. Please try again in a moment.',
      { dependency: 'postgres' },
    );
  }
  if (isTemporalUnavailable(error)) {
    return new AppError(
      'DEPENDENCY_UNAVAILABLE',
      'The case workflow service (Temporal) is not reachable right now; nothing was changed. Please try again in a moment.',
      { dependency: 'temporal' },
    );
  }
  return undefined;
}

/**
 * The one error handler: AppError codes and framework errors become 4xx, an unreachable dependency
 * a 503 with Retry-After; anything else a bare 500.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError, request, reply) => {
    const unavailable = asDependencyUnavailable(thrown);
    if (unavailable && !(thrown instanceof AppError)) {
      request.log.warn({ err: thrown }, 'database unavailable');
    }
    const error = unavailable ?? thrown;
    if (error instanceof AppError) {
      const { fields, ...rest } = error.details;
      const body: ErrorBody = { statusCode: error.status, code: error.code, message: error.message, ...rest };
      if (fields?.length) body.errors = Object.fromEntries(fields.map((f) => [f.field, f.message]));
      if (error.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.status(error.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: Record<string, string> = {};
      for (const issue of error.validation) {
        const name = fieldName(error.validationContext, issue.instancePath);
        errors[name] ??= issue.message ?? 'invalid value';
      }
      const first = Object.entries(errors)[0];
      // Action bodies answer 422 (the request is well-formed, its content is not); the rest 400.
      const status = request.routeOptions.config.validationStatus ?? 400;
      return reply.status(status).send({
        statusCode: status,
        code: 'VALIDATION_FAILED',
        message: first ? `Invalid ${first[0]}: ${first[1]}` : 'Invalid request',
        errors,
      } satisfies ErrorBody);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return reply
        .status(500)
        .send({ statusCode: 500, code: 'INTERNAL', message: 'Internal error' } satisfies ErrorBody);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    const status = mapped ? ERROR_CODES[mapped] : error.statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({
        statusCode: status,
        code: mapped ?? (status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED'),
        message: error.message,
      } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      statusCode: 500,
      code: 'INTERNAL',
      message: `Internal error (request ${request.id})`,
    } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
    } satisfies ErrorBody);
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The status of a body that fails its schema: 400 by default, 422 where the API promises it. */
    validationStatus?: 400 | 422;
  }
}
