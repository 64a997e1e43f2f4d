import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Case } from '../../db/entities';
import { IMAGE_MEDIA_TYPES, stripImageMetadata } from '../../domain/attachments/image-metadata';
import { caseNumberFromSlug } from '../../domain/cases/case-number';
import { FINAL_STATUSES } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import { verifyTrackingToken } from '../../intake/tracking-token';
import type { AppDeps } from '../app';
import { requireRole } from '../auth/authenticate';
import { caseNumberParams, trackingQuery } from '../public-cases/public-cases.schemas';
import {
  attachmentParams,
  attachmentRecord,
  caseIdParams,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_CASE,
  PHOTO_FIELD,
  photoUploadBody,
  uploadedPhotosResponse,
} from './attachments.schemas';
import {
  addCaseAttachments,
  ensureRoomForPhotos,
  finalStatusRefusal,
  listCaseAttachments,
  loadAttachmentContent,
} from './case-attachments';
import { contentDisposition, downloadName } from './file-names';
import { checkDeclaredUploadSize, multipartLimits, readPhotos, requireMultipart } from './read-photos';

/**
 * Photos of cases. Residents add them with the case's tracking token right after filing it (case
 * creation stays a JSON request: the portal posts the case, then its photos to the URL below);
 * staff list and download them. Metadata is stripped before the photo is stored, so no one,
 * staff included, ever receives the camera's location.
 */
const imageBytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });

export const attachmentRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  // Encapsulated: the multipart parser and its limits apply to these routes only.
  await app.register(multipart, { limits: multipartLimits, throwFileSizeLimit: true });
  await app.register(rateLimit, { global: false });
  const staff = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF');

  app.post(
    '/api/v1/cases/:number/attachments',
    {
      onRequest: checkDeclaredUploadSize,
      // Before the body schema (which only documents the parts) can judge a non-multipart body.
      preValidation: requireMultipart,
      config: { rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['cases'],
        summary: 'Add photos to a case',
        description:
          `multipart/form-data with 1 to ${MAX_PHOTOS_PER_CASE} files in the field "${PHOTO_FIELD}" ` +
          `(JPEG, PNG or WebP by content, ${MAX_PHOTO_BYTES / 1024 / 1024} MB each, ` +
          `${MAX_PHOTOS_PER_CASE} per case in total). Location and other metadata are removed ` +
          'before the photos are stored. The portal calls this right after POST /cases answers 201.',
        consumes: ['multipart/form-data'],
        params: caseNumberParams,
        querystring: trackingQuery,
        body: photoUploadBody,
        response: { 201: uploadedPhotosResponse },
      },
    },
    async (request, reply) => {
      const number = caseNumberFromSlug(request.params.number);
      const row = await deps.orm.em.fork().findOne(Case, { number });
      // The public routes' rule: one answer for "no such case" and "wrong token".
      if (!row || !verifyTrackingToken(deps.config.secret, row.id, request.query.token)) {
        throw new AppError('NOT_FOUND', `No case ${number} with this tracking token`);
      }
      if (FINAL_STATUSES.includes(row.status)) throw finalStatusRefusal(row.number, row.status);
      await ensureRoomForPhotos(deps.orm, row);
      const uploaded = await readPhotos(request);
      // Every photo is checked before any is stored: one bad file refuses the whole upload.
      const photos = uploaded.map((photo) => {
        const clean = stripImageMetadata(photo.bytes, photo.fileName);
        request.log.info(
          { case: row.number, file: photo.fileName, removed: clean.removed },
          'photo metadata stripped',
        );
        return { fileName: photo.fileName, mediaType: clean.mediaType, bytes: clean.bytes };
      });
      const stored = await addCaseAttachments(deps.orm, { caseId: row.id, photos, createdBy: 'resident' });
      return reply.status(201).send({ number: row.number, attachments: stored });
    },
  );

  app.get(
    '/api/cases/:id/attachments',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: "A case's photos (without their bytes)",
        security: [{ bearerAuth: [] }],
        params: caseIdParams,
        response: { 200: z.array(attachmentRecord) },
      },
    },
    async (request) => listCaseAttachments(deps.orm, request.params.id, request.staff!),
  );

  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'One photo of a case, as stored (metadata stripped)',
        security: [{ bearerAuth: [] }],
        params: attachmentParams,
        response: {
          // A Buffer is sent as it is, never serialised; the schema only documents the media types.
          200: {
            description: 'The image, metadata stripped',
            content: Object.fromEntries(IMAGE_MEDIA_TYPES.map((type) => [type, { schema: imageBytes }])),
          },
          304: z.null().describe('Not modified: the ETag still matches'),
        },
      },
    },
    async (request, reply) => {
      const photo = await loadAttachmentContent(
        deps.orm,
        request.params.id,
        request.params.attachmentId,
        request.staff!,
      );
      const etag = `"${photo.sha256}"`;
      reply
        .header('X-Content-Type-Options', 'nosniff')
        // Residents' photos: never in a shared cache, and revalidated so a revoked session sees nothing.
        .header('Cache-Control', 'private, no-cache')
        .header('ETag', etag)
        // Served from the API's origin: even a file that fooled a browser could run nothing.
        .header('Content-Security-Policy', "default-src 'none'; sandbox");
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
      return reply
        .type(photo.mediaType)
        .header('Content-Disposition', contentDisposition(downloadName(photo.fileName, photo.mediaType)))
        .send(photo.content);
    },
  );
};
