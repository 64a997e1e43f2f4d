import { z } from 'zod';
import type { AttachmentRecord } from '../../services/attachments/case-attachments';
import { IMAGE_MEDIA_TYPES, PHOTO_SIZES } from '../../domain/attachments/image-types';

import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE } from '../../domain/attachments/photo-limits';

export { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE };
/** The multipart field the portal and the app send photos in. */
export const PHOTO_FIELD = 'photos';
/**
 * The whole upload request: five full-size photos plus room for multipart headers and
 * boundaries. Fastify's body limit does not apply to multipart (the plugin streams the body).
 */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_PHOTOS_PER_CASE * MAX_PHOTO_BYTES + 256 * 1024;

export const caseIdParams = z.object({ id: z.uuid() });
export const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
export const attachmentSizeQuery = z.object({
  size: z
    .enum(PHOTO_SIZES)
    .default('original')
    .describe(
      'thumb: a thumbnail for lists, screen: the size the case page shows (both WebP); ' +
        'original: the re-encoded original, in its own format, for download',
    ),
});

/** Documents the multipart body for OpenAPI; the route itself reads the parts as a stream. */
export const photoUploadBody = z
  .object({
    [PHOTO_FIELD]: z
      .array(z.string().meta({ format: 'binary' }))
      .min(1)
      .max(MAX_PHOTOS_PER_CASE)
      .describe(
        `1 to ${MAX_PHOTOS_PER_CASE} JPEG, PNG or WebP files of at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB each`,
      ),
  })
  .nullish();

export const storedPhoto = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.enum(IMAGE_MEDIA_TYPES),
  sizeBytes: z.number().int(),
});

export const uploadedPhotosResponse = z.object({
  number: z.string(),
  attachments: z.array(storedPhoto),
});

export const attachmentRecord = storedPhoto.extend({
  caseId: z.uuid(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  width: z.number().int().nullable().describe('Upright; null for a photo stored before photos had sizes'),
  height: z.number().int().nullable(),
  contentUrl: z
    .string()
    .describe('The re-encoded original (for download); it needs the same bearer token as this list'),
  thumbnailUrl: z.string().describe('A thumbnail for lists (WebP, 320 px by default)'),
  screenUrl: z.string().describe('The size the case page shows (WebP, 1280 px by default)'),
}) satisfies z.ZodType<AttachmentRecord>;
export type { AttachmentRecord };
