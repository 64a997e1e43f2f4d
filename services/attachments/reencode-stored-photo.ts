import { createHash } from 'node:crypto';
import type { PhotoSettings } from '../../domain/attachments/photo-limits';
import { AppError } from '../../domain/errors';
import type { Orm } from '../../db/orm';
import { readAttachmentFile, writePhotoFiles } from './attachment-store';
import { preparePhoto } from './prepare-photo';

/**
 * What happened to a photo stored before photos were re-encoded at upload (issue 22): REENCODED
 * now, ALREADY by an earlier call (or stored after the change), GONE with its case, or REFUSED by
 * the checks a new upload must pass (libvips cannot read it, or it has too many pixels), in which
 * case it stays as it was and its original keeps being served for every size.
 */
export type ReencodeOutcome = 'REENCODED' | 'ALREADY' | 'GONE' | 'REFUSED';

/**
 * Such a photo had its metadata removed byte by byte and has no smaller sizes. This runs it through
 * the upload's pipeline: the original is replaced by its re-encoded copy, the thumbnail and screen
 * size are written beside it, and the row gets their sizes and the new digest (a photo still held in
 * the database moves to its file on the way). The row is locked throughout, so two viewers (or a
 * viewer and `npm run attachments:reencode`) never re-encode the same photo twice; once its row has
 * sizes, it is never touched again. A crash between the new files and the commit leaves the row
 * as it was, and the next call re-encodes the (already clean) original once more.
 */
export async function reencodeStoredPhoto(
  orm: Orm,
  attachmentsDir: string,
  settings: PhotoSettings,
  id: string,
): Promise<ReencodeOutcome> {
  return orm.em.fork().transactional(async (tx) => {
    const [row] = await tx.execute<
      { file_name: string; content: Buffer | null; thumbnail_bytes: number | null }[]
    >('select file_name, content, thumbnail_bytes from case_attachments where id = ? for update', [id]);
    if (!row) return 'GONE';
    if (row.thumbnail_bytes !== null) return 'ALREADY';
    const stored = row.content ?? (await readAttachmentFile(attachmentsDir, id));
    if (!stored) throw new Error(`attachment ${id} has neither bytes in the database nor a file`);
    let photo;
    try {
      photo = await preparePhoto(stored, row.file_name, settings);
    } catch (error) {
      if (error instanceof AppError) return 'REFUSED';
      throw error;
    }
    await writePhotoFiles(attachmentsDir, id, photo);
    await tx.execute(
      `update case_attachments
         set media_type = ?, size_bytes = ?, sha256 = ?, content = null,
             width = ?, height = ?, thumbnail_bytes = ?, screen_bytes = ?
       where id = ?`,
      [
        photo.mediaType,
        photo.bytes.length,
        createHash('sha256').update(photo.bytes).digest('hex'),
        photo.width,
        photo.height,
        photo.thumbnail.length,
        photo.screen.length,
        id,
      ],
      'run',
    );
    return 'REENCODED';
  });
}
