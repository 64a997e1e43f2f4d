import { z } from 'zod';
import { IMAGE_MEDIA_TYPES } from '../../domain/attachments/image-metadata';

/** How many photos a case takes in total, and how large each may be (the numbers). */
export const MAX_PHOTOS_PER_CASE = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The multipart field the portal and the app send photos in. */
export const PHOTO_FIELD = 'photos';
/**
 * The whole upload request: five full-size photos plus room for multipart headers and
 * boundaries. Fastify's body limit does not apply to multipart (the plugin streams the body).
 */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_PHOTOS_PER_CASE * MAX_PHOTO_BYTES + 256 * 1024;

export const caseIdParams = z.object({ id: z.uuid() });
export const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

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
  /** Where the bytes are; it needs the same bearer token as this list. */
  contentUrl: z.string(),
});
export type AttachmentRecord = z.infer<typeof attachmentRecord>;
