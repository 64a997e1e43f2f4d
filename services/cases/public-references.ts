import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { AppError } from '../../domain/errors';

/**
 * What a public answer hands out to continue or come back (a page cursor, an Open311 token) names a
 * case by its internal id, which must not leave the back office. So the id is sealed: AES-256-GCM
 * under a key derived from the application secret, with the purpose as associated data, so a
 * cursor of the map cannot be replayed as an open-data cursor or a token. The nonce is an HMAC of
 * purpose and id (a synthetic IV): the same position always gives the same string, so a replayed
 * request answers identically and caches keep working, and equal strings reveal only equal ids.
 */
export type PublicReferencePurpose = 'map-cursor' | 'open-data-cursor' | 'open311-token';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const UUID_BYTES = 16;
const SEALED_LENGTH = NONCE_BYTES + UUID_BYTES + TAG_BYTES;

const keyCache = new Map<string, { encryption: Buffer; nonce: Buffer }>();

function keysOf(secret: string) {
  let keys = keyCache.get(secret);
  if (!keys) {
    const derive = (info: string) =>
      Buffer.from(hkdfSync('sha256', secret, 'civicflow public references', info, 32));
    keys = { encryption: derive('encryption'), nonce: derive('nonce') };
    keyCache.set(secret, keys);
  }
  return keys;
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (bytes: Buffer) =>
  bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

export function sealCaseReference(secret: string, purpose: PublicReferencePurpose, caseId: string): string {
  const keys = keysOf(secret);
  const plain = uuidBytes(caseId);
  const nonce = createHmac('sha256', keys.nonce)
    .update(purpose)
    .update(plain)
    .digest()
    .subarray(0, NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, nonce);
  cipher.setAAD(Buffer.from(purpose));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The case id a reference of this purpose names, or null for anything this server did not seal. */
export function openCaseReference(
  secret: string,
  purpose: PublicReferencePurpose,
  reference: string,
): string | null {
  const bytes = Buffer.from(reference, 'base64url');
  if (bytes.length !== SEALED_LENGTH || bytes.toString('base64url') !== reference) return null;
  const keys = keysOf(secret);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES + UUID_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, NONCE_BYTES + UUID_BYTES)),
      decipher.final(),
    ]);
    return uuidText(plain);
  } catch {
    return null;
  }
}

/** Opens a cursor from a query, or refuses it with a 400 naming the parameter. */
export function openCursorParam(
  secret: string,
  purpose: PublicReferencePurpose,
  field: string,
  value: string,
  message: string,
): string {
  const caseId = openCaseReference(secret, purpose, value);
  if (!caseId) {
    throw new AppError('VALIDATION_FAILED', `Invalid query.${field}: ${message}`, {
      fields: [{ field: `query.${field}`, message }],
    });
  }
  return caseId;
}
