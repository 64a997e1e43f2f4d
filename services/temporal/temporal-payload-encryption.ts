import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  METADATA_ENCODING_KEY,
  type DataConverter,
  type Payload,
  type PayloadCodec,
} from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Config, PayloadKey } from '../../config/config';

/**
 * The layout of Temporal's encryption samples (Go, Python, TypeScript), so a codec server written
 * from them can decode civicflow's payloads for the Temporal UI.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_KEY_ID = 'encryption-key-id';
const CIPHER = 'AES-256-GCM';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * Encrypts every payload civicflow hands to Temporal (workflow inputs, signals, updates, results,
 * activity arguments) with AES-256-GCM, so the server's history holds no resident's words, e-mail
 * or position in clear text. The first key encrypts; every listed key decrypts, chosen by the key
 * id in the payload's metadata, so a new key can be put first while histories sealed with the old
 * one still replay. Payloads without the encrypted encoding (histories written before encryption)
 * pass through unchanged: they carry no authority either way, the workflows check who sent what.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly sealing: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new Error('PayloadEncryptionCodec needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes (AES-256)`);
    }
    this.sealing = keys[0];
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.open(payload));
  }

  private seal(payload: Payload): Payload {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealing.key, nonce);
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
        [ENCRYPTION_KEY_ID]: Buffer.from(this.sealing.id),
        'encryption-cipher': Buffer.from(CIPHER),
      },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
    const keyIdBytes = payload.metadata?.[ENCRYPTION_KEY_ID];
    const keyId = keyIdBytes ? Buffer.from(keyIdBytes).toString() : '';
    const key = this.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `payload encrypted with key id "${keyId}", which is not among TEMPORAL_PAYLOAD_KEYS (${[
          ...this.keys.keys(),
        ].join(', ')}): add the key that sealed it`,
      );
    }
    const data = Buffer.from(payload.data ?? []);
    if (data.length < NONCE_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(`encrypted payload (key id "${keyId}") is too short`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `encrypted payload (key id "${keyId}") failed authentication: it was altered or sealed with another key`,
      );
    }
    return temporal.api.common.v1.Payload.decode(plain) as Payload;
  }
}

/** Encodes failure messages and stack traces as payloads; workflow bundles name it too. */
export const FAILURE_CONVERTER_PATH = require.resolve('./temporal-failure-converter');

/** The data converter of every civicflow Temporal client and worker. */
export function temporalDataConverter(config: Config): DataConverter {
  return {
    payloadCodecs: [new PayloadEncryptionCodec(config.temporal.payloadKeys)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}
