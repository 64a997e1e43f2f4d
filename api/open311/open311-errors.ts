import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import { asDependencyUnavailable, RETRY_AFTER_SECONDS } from '../error-handler';
import type { Open311Errors, Open311Format } from './open311.schemas';
import { toXmlDocument, type XmlValue } from './open311-xml';

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

/**
 * The format a request asked for, read from its path: error answers need it before (or without)
 * any route parsing the path, and a client that asked for XML must get its errors in XML too.
 */
export function formatOfUrl(url: string): Open311Format {
  return /\.xml$/i.test(url.split('?')[0]) ? 'xml' : 'json';
}

/** Answers a document in the format of the path; `root` is the XML top element. */
export function sendDocument(reply: FastifyReply, format: Open311Format, root: string, document: XmlValue) {
  if (format === 'xml') return reply.type(XML_CONTENT_TYPE).send(toXmlDocument(root, document));
  return reply.send(document);
}

/** Open311 says 400 for what the request got wrong; only keys (403) and missing things (404) differ. */
function statusOf(error: AppError): number {
  if (error.code === 'UNPROCESSABLE' || error.code === 'VALIDATION_FAILED') return 400;
  return error.status;
}

function describe(field: string, message: string): string {
  return field ? `${field}: ${message}` : message;
}

/** An error answer under the Open311 prefix, in the format of its path. */
export function sendOpen311Errors(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  descriptions: string[],
) {
  const errors: Open311Errors = descriptions.map((description) => ({ code: status, description }));
  reply.status(status);
  if (formatOfUrl(request.url) === 'xml') {
    return reply.type(XML_CONTENT_TYPE).send(toXmlDocument('errors', errors));
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(errors));
}

/**
 * Every error under the Open311 prefix in the spec's shape, `[{code, description}]` or
 * `<errors><error>`, whatever raised it: a schema, the intake, the framework or a missing route.
 * Bad input is a 4xx; a 5xx says nothing of its cause.
 */
export function registerOpen311ErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError, request, reply) => {
    // A database or Temporal away is a 503 worth retrying here too, as on every other route.
    const unavailable = asDependencyUnavailable(thrown);
    if (unavailable && !(thrown instanceof AppError))
      request.log.warn({ err: thrown }, 'dependency unavailable');
    const error = unavailable ?? thrown;
    if (error instanceof AppError) {
      const status = statusOf(error);
      if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      const fields = error.details.fields ?? [];
      const descriptions = fields.length ? fields.map((f) => describe(f.field, f.message)) : [error.message];
      return sendOpen311Errors(request, reply, status, descriptions);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const descriptions = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
        if (!path && error.validationContext === 'body') return 'the request has no form fields';
        return describe(path, issue.message ?? 'invalid value');
      });
      return sendOpen311Errors(request, reply, 400, [...new Set(descriptions)]);
    }
    const status = error.statusCode;
    if (status && status >= 400 && status < 500)
      return sendOpen311Errors(request, reply, status, [error.message]);
    request.log.error({ err: error }, 'unhandled error in the Open311 API');
    return sendOpen311Errors(request, reply, 500, [`Internal error (request ${request.id})`]);
  });

  app.setNotFoundHandler((request, reply) =>
    sendOpen311Errors(request, reply, 404, [
      `No Open311 resource ${request.method} ${request.url.split('?')[0]}: paths end in .json or .xml`,
    ]),
  );
}
