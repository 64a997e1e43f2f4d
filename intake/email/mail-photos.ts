import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE } from '../../domain/attachments/photo-limits';
import type { Config } from '../../config/config';
import { AppError } from '../../domain/errors';
import { preparePhoto } from '../../services/attachments/prepare-photo';
import type { CleanPhoto } from '../../services/attachments/case-attachments';
import { sanitizeFileName } from '../../services/attachments/file-names';
import type { SkippedAttachment } from '../../services/mail-intake/mail-photos';
import type { IncomingAttachment } from './parse-incoming-mail';

/**
 * The attachments that pass the API's photo rules (JPEG, PNG or WebP by content, at most 10 MB,
 * at most five, re-encoded), attached ones before images inline in the HTML (logos in
 * signatures usually are); every other attachment is listed with the reason it was left out.
 */
export async function selectPhotos(
  attachments: IncomingAttachment[],
  settings: Config['photos'],
): Promise<{ photos: CleanPhoto[]; skipped: SkippedAttachment[] }> {
  const photos: CleanPhoto[] = [];
  const skipped: SkippedAttachment[] = [];
  const ordered = [...attachments.filter((a) => !a.inline), ...attachments.filter((a) => a.inline)];
  for (const attachment of ordered) {
    const fileName = sanitizeFileName(attachment.fileName ?? undefined);
    if (attachment.content.length > MAX_PHOTO_BYTES) {
      skipped.push({ fileName, reason: `większy niż ${MAX_PHOTO_BYTES / 1024 / 1024} MB` });
      continue;
    }
    let clean;
    try {
      clean = await preparePhoto(attachment.content, fileName, settings);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({
        fileName,
        reason:
          error.code === 'UNSUPPORTED_MEDIA_TYPE'
            ? 'nie jest obrazem JPEG, PNG ani WebP'
            : 'uszkodzony plik obrazu',
      });
      continue;
    }
    if (photos.length >= MAX_PHOTOS_PER_CASE) {
      skipped.push({ fileName, reason: `sprawa przyjmuje najwyżej ${MAX_PHOTOS_PER_CASE} zdjęć` });
      continue;
    }
    photos.push(clean);
  }
  return { photos, skipped };
}
