import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ImageMediaType } from '../../domain/attachments/image-metadata';

/**
 * A photo of a case, stored stripped of its metadata. `content` is lazy so that listing a case's
 * photos never loads megabytes of image data; `fileName` is the resident's name for the file,
 * sanitised and for display only (the type comes from the bytes, never from the name).
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
    sha256: p.string(),
    content: p.blob().lazy(true, false),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** 'resident', or the username of the staff member who added it. */
    createdBy: p.string(),
  },
});
export type CaseAttachment = InferEntity<typeof CaseAttachment>;
