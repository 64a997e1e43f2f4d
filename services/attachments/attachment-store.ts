import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PHOTO_SIZES, type PhotoSize } from '../../domain/attachments/image-types';
import { AppError } from '../../domain/errors';
import type { CleanPhoto } from './prepare-photo';

/**
 * Photo bytes as files under ATTACHMENTS_DIR, named by the attachment's id: the re-encoded original
 * as `<id>`, its smaller sizes beside it as `<id>.thumb` and `<id>.screen`; PostgreSQL keeps only
 * their metadata. A full disk there then refuses photos and nothing else, where the bytes in PostgreSQL
 * would have stopped the database and every case with it.
 */

/** Errors that mean "no room (or no writing) on this disk": the operator's to fix, not the resident's. */
const STORAGE_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

function errnoCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

export function photoStorageFull(cause: string): AppError {
  return new AppError(
    'PHOTO_STORAGE_FULL',
    'Photos cannot be stored right now (the photo storage is full). Your report can be sent without ' +
      'photos now, and the photos added later.',
    { reason: cause },
  );
}

/** Ids are UUIDs (from the database or randomUUID): anything else never becomes a path. */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Two hex digits of the id as a folder, so no folder holds more than a few thousand files. The
 * original keeps the bare id, the name photos had before they had sizes.
 */
export function attachmentPath(dir: string, id: string, size: PhotoSize = 'original'): string {
  if (!ID.test(id)) throw new Error(`not an attachment id: ${id}`);
  const lower = id.toLowerCase();
  return path.join(dir, lower.slice(0, 2), size === 'original' ? lower : `${lower}.${size}`);
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a photo whole or not at all: into a temporary file of the same folder, flushed to the
 * disk, then renamed over its name (atomic on one file system), so a reader or a crash never meets
 * half a photo. On any failure the temporary file is removed; a full disk becomes PHOTO_STORAGE_FULL.
 */
export async function writeAttachmentFile(
  dir: string,
  id: string,
  bytes: Buffer,
  size: PhotoSize = 'original',
): Promise<void> {
  const target = attachmentPath(dir, id, size);
  const folder = path.dirname(target);
  const temp = path.join(folder, `.${path.basename(target)}.${randomUUID()}.tmp`);
  let created = false;
  try {
    await mkdir(folder, { recursive: true });
    const handle = await open(temp, 'wx', 0o600);
    created = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    created = false;
    // The rename itself survives a power cut only once the folder is flushed too.
    await fsyncDir(folder);
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    const code = errnoCode(error);
    if (code && STORAGE_FULL_CODES.has(code)) throw photoStorageFull(code);
    throw error;
  }
}

/**
 * A photo's three sizes, the smaller ones first: whoever finds the original on the disk finds the
 * other sizes there too.
 */
export async function writePhotoFiles(dir: string, id: string, photo: CleanPhoto): Promise<void> {
  await writeAttachmentFile(dir, id, photo.thumbnail, 'thumb');
  await writeAttachmentFile(dir, id, photo.screen, 'screen');
  await writeAttachmentFile(dir, id, photo.bytes, 'original');
}

/**
 * Removes photos' files, every size; one already gone is fine (a delete run again after a crash,
 * or a photo stored before it had sizes).
 */
export async function removeAttachmentFiles(dir: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    for (const size of PHOTO_SIZES) {
      try {
        await unlink(attachmentPath(dir, id, size));
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') throw error;
      }
    }
  }
}

/**
 * A stream of one size of the photo, or null when there is no such file (a photo stored before the
 * bytes moved to files, still in the database, or before it had sizes). The file is opened before
 * returning, so a missing file is known here and not halfway through a response.
 */
export async function openAttachmentFile(
  dir: string,
  id: string,
  size: PhotoSize = 'original',
): Promise<ReadStream | null> {
  let handle;
  try {
    handle = await open(attachmentPath(dir, id, size), 'r');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
  // The stream owns the handle from here: it closes it at the end, or when the client goes away.
  return handle.createReadStream();
}

/** The whole file of one size of a photo, or null when there is none. */
export async function readAttachmentFile(
  dir: string,
  id: string,
  size: PhotoSize = 'original',
): Promise<Buffer | null> {
  try {
    return await readFile(attachmentPath(dir, id, size));
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
}
