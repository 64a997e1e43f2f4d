import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ImageMediaType } from '../../domain/attachments/image-types';

/**
 * A photo of a case, re-encoded at upload so it keeps no metadata. Its bytes are a file named by
 * `id` under ATTACHMENTS_DIR (services/attachments/attachment-store.ts), with a thumbnail and a
 * screen size beside it, whose byte counts are here (null for a photo stored before it had sizes,
 * until it is re-encoded). `content` holds the bytes only for photos stored before they became
 * files, until they are moved out, and is lazy so that listing a case's photos never loads
 * megabytes of image data; `fileName` is the resident's name for the file, sanitised and for
 * display only (the type comes from the bytes, never from the name).
 */
export const CaseAttachment = defineEntity({
  name: 'CaseAttachment',
  tableName: 'case_attachments',
  properties: {
    id: p.uuid().primary(),
    caseId: p.uuid(),
    fileName: p.string(),
    mediaType: p.string().$type<ImageMediaType>(),
    sizeBytes: p.integer(),
    /** Upright, as shown; null until a photo from before sizes is re-encoded. */
    width: p.integer().nullable(),
    height: p.integer().nullable(),
    thumbnailBytes: p.integer().nullable(),
    screenBytes: p.integer().nullable(),
    sha256: p.string(),
    content: p.blob().lazy(true, false).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** 'resident', or the username of the staff member who added it. */
    createdBy: p.string(),
  },
});
export type CaseAttachment = InferEntity<typeof CaseAttachment>;
