import { createHash, randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import {
  SMALLER_SIZES_MEDIA_TYPE,
  type ImageMediaType,
  type PhotoSize,
} from '../../domain/attachments/image-types';
import { FINAL_STATUSES, type CaseStatus } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import { Case } from '../../db/entities';
import type { Orm } from '../../db/orm';
import type { SessionUser } from '../../domain/auth/session-user';
import { caseVisibilitySql } from '../cases/case-access';
import { verifyTrackingToken } from '../cases/tracking-token';
import { openAttachmentFile, removeAttachmentFiles, writePhotoFiles } from './attachment-store';
import { MAX_PHOTOS_PER_CASE, type PhotoSettings } from '../../domain/attachments/photo-limits';
import type { CleanPhoto } from './prepare-photo';
import { reencodeStoredPhoto } from './reencode-stored-photo';

export type { CleanPhoto };

/** A stored photo as the back office lists it (api/attachments documents it as `attachmentRecord`). */
export interface AttachmentRecord {
  id: string;
  caseId: string;
  fileName: string;
  mediaType: ImageMediaType;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
  /** Upright; null for a photo stored before it had sizes, until it is re-encoded. */
  width: number | null;
  height: number | null;
  /**
   * Where the bytes are, each with the same bearer token as this list: the re-encoded original
   * (for download), and the thumbnail and screen size (WebP) that lists and the case page show.
   */
  contentUrl: string;
  thumbnailUrl: string;
  screenUrl: string;
}

export interface StoredPhoto {
  id: string;
  fileName: string;
  mediaType: ImageMediaType;
  sizeBytes: number;
}

interface AttachmentRow {
  id: string;
  case_id: string;
  file_name: string;
  media_type: ImageMediaType;
  size_bytes: number;
  sha256: string;
  created_at: Date | string;
  created_by: string;
  width: number | null;
  height: number | null;
}

export function finalStatusRefusal(number: string, status: CaseStatus): AppError {
  return new AppError(
    'INVALID_TRANSITION',
    `Case ${number} is ${status.toLowerCase()} and takes no more photos`,
    { status },
  );
}

function tooManyPhotos(number: string, existing: number, adding: number): AppError {
  return new AppError(
    'UNPROCESSABLE',
    existing >= MAX_PHOTOS_PER_CASE
      ? `Case ${number} already has ${existing} photos; a case takes at most ${MAX_PHOTOS_PER_CASE}`
      : `Case ${number} has ${existing} photos and ${adding} more would exceed the limit of ${MAX_PHOTOS_PER_CASE}`,
    { limit: MAX_PHOTOS_PER_CASE, existing, adding },
  );
}

export async function countCaseAttachments(orm: Orm, caseId: string): Promise<number> {
  const [row] = await orm.em
    .fork()
    .execute<{ n: number }[]>('select count(*)::int as n from case_attachments where case_id = ?', [caseId]);
  return row.n;
}

/** Refuses early, before the body is read, when the case is already full (checked again on insert). */
export async function ensureRoomForPhotos(orm: Orm, caseRow: { id: string; number: string }): Promise<void> {
  const existing = await countCaseAttachments(orm, caseRow.id);
  if (existing >= MAX_PHOTOS_PER_CASE) throw tooManyPhotos(caseRow.number, existing, 1);
}

/**
 * The case a resident adds photos to, by its number and tracking token, refused before the body
 * is read when it cannot take them: NOT_FOUND alike for "no such case" and "wrong token" (the
 * public routes' rule), INVALID_TRANSITION when it is closed, UNPROCESSABLE when it is full.
 */
export async function caseTakingPhotos(
  orm: Orm,
  secret: string,
  input: { number: string; token: string },
): Promise<{ id: string; number: string }> {
  const row = await orm.em.fork().findOne(Case, { number: input.number });
  if (!row || !verifyTrackingToken(secret, row.id, input.token)) {
    throw new AppError('NOT_FOUND', `No case ${input.number} with this tracking token`);
  }
  if (FINAL_STATUSES.includes(row.status)) throw finalStatusRefusal(row.number, row.status);
  await ensureRoomForPhotos(orm, row);
  return { id: row.id, number: row.number };
}

/**
 * Stores all photos of one upload or none. The case row is locked first, so two uploads to the
 * same case take turns and the per-case limit holds; the status is re-read under the lock, as the
 * case may have been closed while the photos were arriving. Each photo's files (its three sizes)
 * are written before its row, and every file written is removed again if the rows do not commit:
 * a row never points at a missing file (a file without a row is only ever left by a crash, and
 * harms no one).
 */
export async function addCaseAttachments(
  orm: Orm,
  input: { caseId: string; photos: CleanPhoto[]; createdBy: string; attachmentsDir: string },
): Promise<StoredPhoto[]> {
  const written: string[] = [];
  try {
    return await orm.em.fork().transactional(async (tx) => {
      const [locked] = await tx.execute<{ number: string; status: CaseStatus }[]>(
        'select number, status from cases where id = ? for update',
        [input.caseId],
      );
      if (!locked) throw new AppError('NOT_FOUND', 'The case no longer exists');
      if (FINAL_STATUSES.includes(locked.status)) throw finalStatusRefusal(locked.number, locked.status);
      const [{ n: existing }] = await tx.execute<{ n: number }[]>(
        'select count(*)::int as n from case_attachments where case_id = ?',
        [input.caseId],
      );
      if (existing + input.photos.length > MAX_PHOTOS_PER_CASE) {
        throw tooManyPhotos(locked.number, existing, input.photos.length);
      }
      const now = Date.now();
      const stored: StoredPhoto[] = [];
      for (const [index, photo] of input.photos.entries()) {
        const id = randomUUID();
        written.push(id);
        await writePhotoFiles(input.attachmentsDir, id, photo);
        await tx.execute(
          `insert into case_attachments
             (id, case_id, file_name, media_type, size_bytes, sha256, content, created_at, created_by,
              width, height, thumbnail_bytes, screen_bytes)
           values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            input.caseId,
            photo.fileName,
            photo.mediaType,
            photo.bytes.length,
            createHash('sha256').update(photo.bytes).digest('hex'),
            // A millisecond apart, so listing by time keeps the order the resident sent them in.
            new Date(now + index),
            input.createdBy,
            photo.width,
            photo.height,
            photo.thumbnail.length,
            photo.screen.length,
          ],
          'run',
        );
        stored.push({
          id,
          fileName: photo.fileName,
          mediaType: photo.mediaType,
          sizeBytes: photo.bytes.length,
        });
      }
      return stored;
    });
  } catch (error) {
    await removeAttachmentFiles(input.attachmentsDir, written).catch(() => undefined);
    throw error;
  }
}

function visibleCaseSql(user: SessionUser): { sql: string; params: unknown[] } {
  const visible = caseVisibilitySql(user);
  return { sql: `c.id = ? and ${visible.sql}`, params: visible.params };
}

/** The photos of a case the user may see; NOT_FOUND for a case they may not (as for its detail). */
export async function listCaseAttachments(
  orm: Orm,
  caseId: string,
  user: SessionUser,
): Promise<AttachmentRecord[]> {
  const conn = orm.em.fork().getConnection();
  const visible = visibleCaseSql(user);
  const [found] = await conn.execute<{ id: string }[]>(`select c.id from cases c where ${visible.sql}`, [
    caseId,
    ...visible.params,
  ]);
  if (!found) throw new AppError('NOT_FOUND', `No case ${caseId}`);
  const rows = await conn.execute<AttachmentRow[]>(
    `select id, case_id, file_name, media_type, size_bytes, sha256, created_at, created_by, width, height
     from case_attachments where case_id = ? order by created_at, id`,
    [caseId],
  );
  return rows.map((row) => {
    const contentUrl = `/api/cases/${row.case_id}/attachments/${row.id}`;
    return {
      id: row.id,
      caseId: row.case_id,
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: Number(row.size_bytes),
      sha256: row.sha256,
      createdAt: new Date(row.created_at).toISOString(),
      createdBy: row.created_by,
      width: row.width,
      height: row.height,
      contentUrl,
      thumbnailUrl: `${contentUrl}?size=thumb`,
      screenUrl: `${contentUrl}?size=screen`,
    };
  });
}

export interface AttachmentContent {
  fileName: string;
  /** The size's own type: the original's, or WebP for the smaller sizes. */
  mediaType: ImageMediaType;
  /** Changes whenever the bytes do (a photo from before sizes re-encoded on first view). */
  etag: string;
  /** The file's stream; the bytes themselves for a photo stored before they moved to files. */
  content: Buffer | ReadStream;
}

interface ContentRow {
  id: string;
  file_name: string;
  media_type: ImageMediaType;
  sha256: string;
  content: Buffer | null;
  thumbnail_bytes: number | null;
}

/**
 * One size of a photo, if its case is visible to the user. A photo stored before it had sizes is
 * re-encoded when a smaller size is first asked for (`settings` say how); should that fail (a file
 * libvips cannot read), the original as stored is served in its place, as it was before.
 */
export async function loadAttachmentContent(
  orm: Orm,
  attachmentsDir: string,
  request: { caseId: string; attachmentId: string; size: PhotoSize; user: SessionUser },
  settings: PhotoSettings,
): Promise<AttachmentContent> {
  const { caseId, attachmentId, user } = request;
  const visible = visibleCaseSql(user);
  const find = async () => {
    const [row] = await orm.em
      .fork()
      .getConnection()
      .execute<ContentRow[]>(
        `select a.id, a.file_name, a.media_type, a.sha256, a.content, a.thumbnail_bytes
         from case_attachments a join cases c on c.id = a.case_id
         where a.id = ? and ${visible.sql}`,
        [attachmentId, caseId, ...visible.params],
      );
    if (!row) throw new AppError('NOT_FOUND', `No attachment ${attachmentId} on case ${caseId}`);
    return row;
  };
  let row = await find();
  let size = request.size;
  if (size !== 'original' && row.thumbnail_bytes === null) {
    const outcome = await reencodeStoredPhoto(orm, attachmentsDir, settings, row.id);
    if (outcome === 'REFUSED') size = 'original';
    else row = await find();
  }
  if (size === 'original') {
    // A row still holding its bytes has not been moved to disk yet (npm run attachments:move-to-disk).
    const content = row.content ?? (await openAttachmentFile(attachmentsDir, row.id));
    if (!content) throw new Error(`attachment ${row.id} has neither bytes in the database nor a file`);
    return { fileName: row.file_name, mediaType: row.media_type, etag: `"${row.sha256}"`, content };
  }
  const content = await openAttachmentFile(attachmentsDir, row.id, size);
  if (!content) throw new Error(`attachment ${row.id} has no ${size} file`);
  return {
    fileName: row.file_name,
    mediaType: SMALLER_SIZES_MEDIA_TYPE,
    etag: `"${row.sha256}-${size}"`,
    content,
  };
}
