import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_PHOTO_SETTINGS } from '../domain/attachments/photo-limits';

/**
 * Every setting civicflow reads from the environment. This schema is the single source: the
 * loader (`config.ts`), `.env.example` (checked by a test) and docker-compose.yml (checked by a test)
 * all follow it. Nothing outside this folder reads `process.env`.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce.number().int().min(1).max(65535);

/** log2 of scrypt's N: 2^17 (with r=8, p=1) is OWASP's minimum for scrypt. */
export const OWASP_SCRYPT_COST = 17;

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

export const configSchema = z.object({
  // No default: a server where nobody set it must not fall back to the published development secret.
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: optionalUrl(['http', 'https']),
  CORS_ORIGINS: z.string().default(''),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine((value) => listOf(value).every(isProxyAddress), {
      message: 'must be comma-separated IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
    }),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Unset or empty: `<DATA_DIR>/attachments`. */
  ATTACHMENTS_DIR: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  PHOTO_MAX_PIXELS: z.coerce.number().int().min(1_000_000).default(DEFAULT_PHOTO_SETTINGS.maxPixels),
  PHOTO_THUMBNAIL_PX: z.coerce.number().int().min(64).max(1024).default(DEFAULT_PHOTO_SETTINGS.thumbnailPx),
  PHOTO_SCREEN_PX: z.coerce.number().int().min(640).max(4096).default(DEFAULT_PHOTO_SETTINGS.screenPx),
  PHOTO_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600)
    .default(DEFAULT_PHOTO_SETTINGS.timeoutSeconds),
  APP_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  EMBEDDED_PG_PORT: port.default(54329),
  TEMPORAL_ADDRESS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  TEMPORAL_NAMESPACE: z.string().min(1).default('civicflow'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('civicflow'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_CLI_PATH: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  TEMPORAL_CACHE_DIR: z
    .string()
    .min(1)
    .default('~/.cache/civicflow')
    // Env files do not go through a shell, so a leading ~ arrives unexpanded.
    .transform((value) => (value.startsWith('~/') ? path.join(os.homedir(), value.slice(2)) : value)),
  TEMPORAL_PAYLOAD_KEYS: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const parsed = parsePayloadKeys(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  WORKFLOW_ACTION_KEY: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(480),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LOGIN_SLOWDOWN_FAILURES: z.coerce.number().int().min(1).max(10000).default(20),
  LOGIN_SLOWDOWN_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(OWASP_SCRYPT_COST),
  CONNECTOR_ALLOWED_HOSTS: z.string().default(''),
  CASE_REOPEN_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .default(14 * 24 * 60),
  CLASSIFIER_THRESHOLD: z.coerce.number().min(0).max(1).default(0.8),
  DUPLICATE_RADIUS_METERS: z.coerce.number().positive().max(5000).default(50),
  DUPLICATE_WINDOW_DAYS: z.coerce.number().positive().max(365).default(30),
  WORKFLOW_HISTORY_LIMIT: z.coerce.number().int().min(20).max(40000).default(4000),
  WORKFLOW_BUNDLE_FILE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  CLASSIFIER_MODEL_FILE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  TRACKING_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(120),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  MAP_TILE_URL: z
    .string()
    .trim()
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .refine((value) => /^https?:\/\/[^/]+\//.test(value), { message: 'must start with http:// or https://' })
    .refine((value) => ['{z}', '{x}', '{y}'].every((part) => value.includes(part)), {
      message: 'must contain {z}, {x} and {y}',
    }),
  MAP_CENTER: z
    .string()
    .trim()
    .default('52.2297,21.0122')
    .refine((value) => /^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/.test(value), { message: 'must be lat,lon' }),
  CITY_NAME: z.string().trim().min(1).max(100).default('Warszawa'),
  PORTAL_DIST_DIR: z.string().trim().min(1).optional(),
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  MAIL_ATTEMPT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  MAIL_FROM: z.string().min(3).default('Kontakt 19115 <kontakt@civicflow.local>'),
  MAIL_INTAKE_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  MAIL_INTAKE_HOST: z.string().min(1).default('127.0.0.1'),
  MAIL_INTAKE_ADDRESSES: z.string().default(''),
  MAIL_INTAKE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(200 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  MAIL_TRUSTED_AUTHSERV_ID: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v?.toLowerCase())),
  MAIL_INTAKE_CASES_PER_SENDER_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  MAIL_INTAKE_CASES_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(500),
  RETENTION_RAW_MAIL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_CLOSED_CASE_MONTHS: z.coerce.number().int().min(1).max(1200).default(24),
  BOOKING_HOLD_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  BOOKING_REMINDER_LEAD_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(14 * 86_400)
    .default(86_400),
  BOOKING_NO_SHOW_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  DEMO_DATA: booleanFlag.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('civicflow-demo'),
  DEMO_OPEN311_KEY: z.string().min(8).default('civicflow-demo-key'),
});

/** The environment's settings, parsed and checked one by one (their combinations: `config.ts`). */
export type ConfigValues = z.infer<typeof configSchema>;

const PROXY_ADDRESS_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(value: string): boolean {
  if (PROXY_ADDRESS_NAMES.has(value)) return true;
  const [address, prefix, ...rest] = value.split('/');
  const family = net.isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export function listOf(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** One AES-256 key of the Temporal payload codec; its id travels in the metadata of each payload. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** `id:base64key,...` (first one encrypts) into keys, or what is wrong with it. */
function parsePayloadKeys(value: string): PayloadKey[] | string {
  const keys: PayloadKey[] = [];
  for (const entry of listOf(value)) {
    const match = /^([A-Za-z0-9._-]{1,64}):([A-Za-z0-9+/=_-]+)$/.exec(entry);
    if (!match) return 'must be a comma-separated list of id:base64key (id of letters, digits, . _ -)';
    const [, id, encoded] = match;
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) return `key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`;
    if (keys.some((k) => k.id === id)) return `key id "${id}" is listed twice`;
    keys.push({ id, key });
  }
  return keys.length > 0 ? keys : 'must list at least one id:base64key';
}
