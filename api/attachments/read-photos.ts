import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors';
import { sanitizeFileName } from '../../services/attachments/file-names';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_CASE,
  MAX_UPLOAD_REQUEST_BYTES,
  PHOTO_FIELD,
} from './attachments.schemas';

export interface UploadedPhoto {
  /** Sanitised, for display and messages only. */
  fileName: string;
  bytes: Buffer;
}

const MB = 1024 * 1024;

/** The limits @fastify/multipart hands to busboy for this plugin's routes. */
export const multipartLimits = {
  fileSize: MAX_PHOTO_BYTES,
  files: MAX_PHOTOS_PER_CASE,
  fields: 10,
  fieldSize: 1024,
  parts: MAX_PHOTOS_PER_CASE + 10,
  headerPairs: 100,
};

/**
 * Refuses a body whose declared length is over the limit before a byte of it is read. A body sent
 * without Content-Length (chunked) is still bounded in memory by the per-file and file-count limits.
 */
export async function checkDeclaredUploadSize(request: FastifyRequest): Promise<void> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_REQUEST_BYTES) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The upload is ${(declared / MB).toFixed(1)} MB; at most ${MAX_PHOTOS_PER_CASE} photos of ${MAX_PHOTO_BYTES / MB} MB each fit in one request`,
      { limitBytes: MAX_UPLOAD_REQUEST_BYTES },
    );
  }
}

export async function requireMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the photos as multipart/form-data, in the field "${PHOTO_FIELD}"`,
    );
  }
}

function multipartCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

/** Turns the parser's refusals into AppErrors that name the file and the limit. */
function refusal(error: unknown, currentFile: string | undefined): unknown {
  if (error instanceof AppError) return error;
  switch (multipartCode(error)) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(
        'PAYLOAD_TOO_LARGE',
        `${currentFile ?? 'A photo'} is larger than ${MAX_PHOTO_BYTES / MB} MB`,
        { file: currentFile, limitBytes: MAX_PHOTO_BYTES },
      );
    case 'FST_FILES_LIMIT':
      return new AppError('UNPROCESSABLE', `A case takes at most ${MAX_PHOTOS_PER_CASE} photos`, {
        limit: MAX_PHOTOS_PER_CASE,
      });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('VALIDATION_FAILED', `Send only files, in the field "${PHOTO_FIELD}"`);
    default:
      // Busboy reports a broken body (no boundary, cut short) with plain Errors: the client's
      // fault, not ours, so a 400 rather than a 500.
      return new AppError('VALIDATION_FAILED', 'The multipart/form-data body cannot be read', {
        reason: error instanceof Error ? error.message : String(error),
      });
  }
}

/**
 * Reads the photos of a multipart request into memory (at most five times 10 MB), refusing any
 * other field. The parts are read one after the other, as busboy requires.
 */
export async function readPhotos(request: FastifyRequest): Promise<UploadedPhoto[]> {
  await requireMultipart(request);
  const photos: UploadedPhoto[] = [];
  let current: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file' || part.fieldname !== PHOTO_FIELD) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Unexpected form field "${part.fieldname}": send only files, in the field "${PHOTO_FIELD}"`,
          { fields: [{ field: part.fieldname, message: `expected files in "${PHOTO_FIELD}"` }] },
        );
      }
      current = sanitizeFileName(part.filename);
      photos.push({ fileName: current, bytes: await part.toBuffer() });
      current = undefined;
    }
  } catch (error) {
    throw refusal(error, current);
  }
  if (photos.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `No photos: attach 1 to ${MAX_PHOTOS_PER_CASE} images in the field "${PHOTO_FIELD}"`,
    );
  }
  return photos;
}
