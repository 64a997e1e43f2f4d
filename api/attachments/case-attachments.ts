import { createHash, randomUUID } from 'node:crypto';
import type { ImageMediaType } from '../../domain/attachments/image-metadata';
import { FINAL_STATUSES, type CaseStatus } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import type { Orm } from '../../db/orm';
import type { SessionUser } from '../auth/auth.schemas';
import { caseVisibilitySql } from '../back-office/cases/case-access';
import { MAX_PHOTOS_PER_CASE, type AttachmentRecord } from './attachments.schemas';

export interface CleanPhoto {
  fileName: string;
  mediaType: ImageMediaType;
  /** Already stripped of metadata: only these bytes are ever stored. */
  bytes: Buffer;
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
 * Stores all photos of one upload or none. The case row is locked first, so two uploads to the
 * same case take turns and the per-case limit holds; the status is re-read under the lock, as the
 * case may have been closed while the photos were arriving.
 */
export async function addCaseAttachments(
  orm: Orm,
  input: { caseId: string; photos: CleanPhoto[]; createdBy: string },
): Promise<StoredPhoto[]> {
  return orm.em.fork().transactional(async (tx) => {
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
      await tx.execute(
        `insert into case_attachments
           (id, case_id, file_name, media_type, size_bytes, sha256, content, created_at, created_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          input.caseId,
          photo.fileName,
          photo.mediaType,
          photo.bytes.length,
          createHash('sha256').update(photo.bytes).digest('hex'),
          photo.bytes,
          // A millisecond apart, so listing by time keeps the order the resident sent them in.
          new Date(now + index),
          input.createdBy,
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
    `select id, case_id, file_name, media_type, size_bytes, sha256, created_at, created_by
     from case_attachments where case_id = ? order by created_at, id`,
    [caseId],
  );
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    contentUrl: `/api/cases/${row.case_id}/attachments/${row.id}`,
  }));
}

export interface AttachmentContent {
  fileName: string;
  mediaType: ImageMediaType;
  sha256: string;
  content: Buffer;
}

/** One photo's stored bytes, if its case is visible to the user. */
export async function loadAttachmentContent(
  orm: Orm,
  caseId: string,
  attachmentId: string,
  user: SessionUser,
): Promise<AttachmentContent> {
  const visible = visibleCaseSql(user);
  const [row] = await orm.em
    .fork()
    .getConnection()
    .execute<{ file_name: string; media_type: ImageMediaType; sha256: string; content: Buffer }[]>(
      `select a.file_name, a.media_type, a.sha256, a.content
       from case_attachments a join cases c on c.id = a.case_id
       where a.id = ? and ${visible.sql}`,
      [attachmentId, caseId, ...visible.params],
    );
  if (!row) throw new AppError('NOT_FOUND', `No attachment ${attachmentId} on case ${caseId}`);
  return { fileName: row.file_name, mediaType: row.media_type, sha256: row.sha256, content: row.content };
}
