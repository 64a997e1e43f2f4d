import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  ENCRYPTED_ENCODING,
  ENCRYPTION_KEY_ID,
  PayloadDecryptionError,
  PayloadEncryptionCodec,
} from '../../../services/temporal/temporal-payload-encryption';

const older = { id: 'k2025', key: randomBytes(32) };
const newer = { id: 'k2026', key: randomBytes(32) };
const MARKER = 'Kowalska-marker-7f3a';

const toPayload = (value: unknown) => defaultPayloadConverter.toPayload(value);
const fromPayload = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('latin1');

describe('the Temporal payload encryption codec', () => {
  it('seals a payload so neither its data nor its metadata shows, and opens it again', async () => {
    const codec = new PayloadEncryptionCodec([newer]);
    const value = { description: `Dziura ${MARKER}`, email: `${MARKER}@example.test`, lat: 52.2297 };
    const [sealed] = await codec.encode([toPayload(value)]);

    expect(text(sealed.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed.metadata?.[ENCRYPTION_KEY_ID])).toBe('k2026');
    expect(text(sealed.data)).not.toContain(MARKER);
    expect(text(sealed.data)).not.toContain('json/plain');
    const [opened] = await codec.decode([sealed]);
    expect(fromPayload(opened)).toEqual(value);
  });

  it('seals the same value differently every time (a fresh nonce per payload)', async () => {
    const codec = new PayloadEncryptionCodec([newer]);
    const [a, b] = await codec.encode([toPayload('same'), toPayload('same')]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('still opens what the old key sealed after a new key is put first, and seals with the new one', async () => {
    const [sealedWithOld] = await new PayloadEncryptionCodec([older]).encode([toPayload({ note: MARKER })]);
    const rotated = new PayloadEncryptionCodec([newer, older]);
    expect(fromPayload((await rotated.decode([sealedWithOld]))[0])).toEqual({ note: MARKER });
    const [sealedNow] = await rotated.encode([toPayload('after rotation')]);
    expect(text(sealedNow.metadata?.[ENCRYPTION_KEY_ID])).toBe('k2026');
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = new PayloadEncryptionCodec([newer]);
    const [sealed] = await codec.encode([toPayload({ note: MARKER })]);
    const data = Buffer.from(sealed.data!);
    data[20] ^= 0x01;
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(
      new PayloadDecryptionError(
        'encrypted payload (key id "k2026") failed authentication: it was altered or sealed with another key',
      ),
    );
  });

  it('refuses a payload of a key id it does not have, naming the id and the keys it has', async () => {
    const [sealed] = await new PayloadEncryptionCodec([older]).encode([toPayload('x')]);
    await expect(new PayloadEncryptionCodec([newer]).decode([sealed])).rejects.toThrow(
      'payload encrypted with key id "k2025", which is not among TEMPORAL_PAYLOAD_KEYS (k2026): add the key that sealed it',
    );
  });

  it('refuses a payload that claims a known key id it was not sealed with', async () => {
    const [sealed] = await new PayloadEncryptionCodec([{ id: 'k2026', key: randomBytes(32) }]).encode([
      toPayload('x'),
    ]);
    await expect(new PayloadEncryptionCodec([newer]).decode([sealed])).rejects.toThrow(
      /failed authentication/,
    );
  });

  it('passes through payloads written before encryption, so older histories still replay', async () => {
    const plain = toPayload({ note: 'from before' });
    expect(await new PayloadEncryptionCodec([newer]).decode([plain])).toEqual([plain]);
  });

  it('takes only 32-byte keys', () => {
    expect(() => new PayloadEncryptionCodec([{ id: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => new PayloadEncryptionCodec([])).toThrow(/at least one key/);
  });
});
