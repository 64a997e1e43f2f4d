import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMAGE_MEDIA_TYPES } from '../../domain/attachments/image-types';
import { caseNumberFromSlug } from '../../domain/cases/case-number';
import type { AppDeps } from '../app';
import { requireRole } from '../auth/authenticate';
import { caseNumberParams, trackingQuery } from '../public-cases/public-cases.schemas';
import {
  attachmentParams,
  attachmentRecord,
  attachmentSizeQuery,
  caseIdParams,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_CASE,
  PHOTO_FIELD,
  photoUploadBody,
  uploadedPhotosResponse,
} from './attachments.schemas';
import {
  addCaseAttachments,
  caseTakingPhotos,
  listCaseAttachments,
  loadAttachmentContent,
} from '../../services/attachments/case-attachments';
import { contentDisposition, downloadName } from '../../services/attachments/file-names';
import { preparePhoto } from '../../services/attachments/prepare-photo';
import { checkDeclaredUploadSize, multipartLimits, readPhotos, requireMultipart } from './read-photos';

/**
 * Photos of cases. Residents add them with the case's tracking token right after filing it (case
 * creation stays a JSON request: the portal posts the case, then its photos to the URL below);
 * staff list and download them. Each photo is decoded and encoded anew before it is stored (with a
 * thumbnail and a screen size), so no one, staff included, ever receives the camera's location,
 * and lists never fetch a full-size photo.
 */
// A stream of the photo's file, or the bytes of a photo still stored in the database.
const imageBytes = z
  .custom<Buffer | Readable>((value) => Buffer.isBuffer(value) || value instanceof Readable)
  .meta({ type: 'string', format: 'binary' });

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
          `${MAX_PHOTOS_PER_CASE} per case in total). Each photo is decoded, turned upright and ` +
          'encoded anew before it is stored, which keeps no location or other metadata; a file that ' +
          'is cut short, damaged, also another format, or larger than the pixel limit is refused with ' +
          '422 and a `reason`. The portal calls this right after POST /cases answers 201.',
        consumes: ['multipart/form-data'],
        params: caseNumberParams,
        querystring: trackingQuery,
        body: photoUploadBody,
        response: { 201: uploadedPhotosResponse },
      },
    },
    async (request, reply) => {
      const row = await caseTakingPhotos(deps.orm, deps.config.secret, {
        number: caseNumberFromSlug(request.params.number),
        token: request.query.token,
      });
      const uploaded = await readPhotos(request);
      // Every photo is checked before any is stored: one bad file refuses the whole upload. One
      // after the other, so an upload of five photos holds one decoded photo in memory at a time.
      const photos = [];
      for (const photo of uploaded) {
        const clean = await preparePhoto(photo.bytes, photo.fileName, deps.config.photos);
        request.log.info(
          { case: row.number, file: photo.fileName, width: clean.width, height: clean.height },
          'photo re-encoded',
        );
        photos.push(clean);
      }
      const stored = await addCaseAttachments(deps.orm, {
        caseId: row.id,
        photos,
        createdBy: 'resident',
        attachmentsDir: deps.config.attachmentsDir,
      });
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
        summary: 'One photo of a case in one of its sizes (re-encoded, without metadata)',
        security: [{ bearerAuth: [] }],
        params: attachmentParams,
        querystring: attachmentSizeQuery,
        response: {
          // A Buffer is sent as it is, never serialised; the schema only documents the media types.
          200: {
            description: 'The image, re-encoded: it carries no metadata',
            content: Object.fromEntries(IMAGE_MEDIA_TYPES.map((type) => [type, { schema: imageBytes }])),
          },
          304: z.null().describe('Not modified: the ETag still matches'),
        },
      },
    },
    async (request, reply) => {
      const photo = await loadAttachmentContent(
        deps.orm,
        deps.config.attachmentsDir,
        {
          caseId: request.params.id,
          attachmentId: request.params.attachmentId,
          size: request.query.size,
          user: request.staff!,
        },
        deps.config.photos,
      );
      const etag = photo.etag;
      reply
        .header('X-Content-Type-Options', 'nosniff')
        // Residents' photos: never in a shared cache, and revalidated so a revoked session sees nothing.
        .header('Cache-Control', 'private, no-cache')
        .header('ETag', etag)
        // Served from the API's origin: even a file that fooled a browser could run nothing.
        .header('Content-Security-Policy', "default-src 'none'; sandbox");
      if (request.headers['if-none-match'] === etag) {
        // The file was opened to learn it exists: closed again, as nothing is sent.
        if (!Buffer.isBuffer(photo.content)) photo.content.destroy();
        return reply.status(304).send(null);
      }
      return reply
        .type(photo.mediaType)
        .header('Content-Disposition', contentDisposition(downloadName(photo.fileName, photo.mediaType)))
        .send(photo.content);
    },
  );
};
