import { createHash } from 'node:crypto';
import type { Config } from '../../config/config';
import type { Orm } from '../../db/orm';
import { MAX_PHOTOS_PER_CASE } from '../../domain/attachments/photo-limits';
import { AppError } from '../../domain/errors';
import { addCaseAttachments, type CleanPhoto } from '../attachments/case-attachments';

export interface SkippedAttachment {
  fileName: string;
  /** In Polish: it goes into the case's description, read by the city's staff. */
  reason: string;
}

/**
 * Adds the photos the case does not have yet (by content hash, so processing a message twice adds
 * each photo once) within the case's limit; what the case refuses is reported, not thrown.
 */
export async function attachMailPhotos(
  deps: { orm: Orm; config: Config },
  caseId: string,
  photos: CleanPhoto[],
): Promise<{ stored: string[]; refused: SkippedAttachment[] }> {
  if (photos.length === 0) return { stored: [], refused: [] };
  const existing = await deps.orm.em
    .fork()
    .execute<{ sha256: string }[]>('select sha256 from case_attachments where case_id = ?', [caseId]);
  const known = new Set(existing.map((r) => r.sha256));
  const fresh = photos.filter((p) => !known.has(createHash('sha256').update(p.bytes).digest('hex')));
  const room = Math.max(0, MAX_PHOTOS_PER_CASE - existing.length);
  const fitting = fresh.slice(0, room);
  const refused = fresh
    .slice(room)
    .map((p) => ({ fileName: p.fileName, reason: `sprawa ma już ${MAX_PHOTOS_PER_CASE} zdjęć` }));
  if (fitting.length === 0) return { stored: [], refused };
  try {
    const stored = await addCaseAttachments(deps.orm, {
      caseId,
      photos: fitting,
      createdBy: 'resident',
      attachmentsDir: deps.config.attachmentsDir,
    });
    return { stored: stored.map((s) => s.fileName), refused };
  } catch (error) {
    if (error instanceof AppError && error.code === 'PHOTO_STORAGE_FULL') {
      // A passing failure, not the message's: the row stays RECEIVED and is processed again once
      // there is room. A new case is filed already (acceptCase runs first and is idempotent), the
      // photos are matched by hash, so the retry only adds them; the photos live in the stored
      // raw mail meanwhile and are never lost nor left for a clerk to dig out.
      throw new Error(`photo storage full (${String(error.details.reason)}): photos wait for room`, {
        cause: error,
      });
    }
    if (!(error instanceof AppError)) throw error;
    // The case closed or filled up in the meantime: the message still counts, without its photos.
    return {
      stored: [],
      refused: [
        ...fitting.map((p) => ({ fileName: p.fileName, reason: 'sprawa nie przyjmuje już zdjęć' })),
        ...refused,
      ],
    };
  }
}
