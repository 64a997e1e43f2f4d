import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting civicflow reads from the environment. This schema is the single source: the
 * loader below, `.env.example` (checked by a test) and docker-compose.yml (checked by a test)
 * all follow it. Nothing outside this folder reads `process.env`.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce.number().int().min(1).max(65535);

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
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: optionalUrl(['http', 'https']),
  CORS_ORIGINS: z.string().default(''),
  DATA_DIR: z.string().min(1).default('.data'),
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

export type ConfigInput = z.input<typeof configSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  http: { host: string; port: number; publicUrl: string; corsOrigins: string[] };
  dataDir: string;
  secret: string;
  database: { url?: string; embeddedPort: number };
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    devServerPort: number;
    uiPort: number;
    cliPath?: string;
    cacheDir: string;
    /** Workflow code bundled ahead of time (`bundleWorkflowCode`); unset: the worker bundles at start. */
    workflowBundleFile?: string;
  };
  auth: { sessionTtlMinutes: number; maxFailures: number; lockMinutes: number };
  cases: {
    reopenWindowMinutes: number;
    triageThreshold: number;
    duplicateRadiusMeters: number;
    duplicateWindowDays: number;
    historyLimit: number;
    /** A classifier model trained ahead of time on the bundled corpus (npm run worker:prepare). */
    classifierModelFile?: string;
  };
  rateLimits: { intakePerMinute: number; trackingPerMinute: number };
  /** When set, GET /metrics asks for it as a bearer token. */
  metricsToken?: string;
  /** Map tiles of the back office's case map: a Leaflet URL template ({s}, {z}, {x}, {y}). */
  map: { tileUrl: string; center: { lat: number; lon: number } };
  /** The city's name as the residents' portal and feeds show it. */
  cityName: string;
  /** The built residents' portal the API serves (default portal/dist; a city may build its own). */
  portal: { distDir: string };
  /**
   * Unset url: `npm start` runs a local mail sink that keeps messages under DATA_DIR/mail.
   * `attemptTimeoutSeconds`: how long one attempt to hand a case's mail to the relay may take
   * before Temporal tries again (also how long a mail in flight on a crashed worker waits).
   */
  mail: { smtpUrl?: string; from: string; attemptTimeoutSeconds: number };
  /**
   * The inbound SMTP listener the city's relay delivers residents' mail to (port 0: off).
   * `addresses` are the contact addresses it accepts, lower-cased; by default MAIL_FROM's own,
   * so residents' replies to notifications come back in.
   */
  mailIntake: { port: number; host: string; addresses: string[]; maxBytes: number };
  /** Office bookings: how long an unconfirmed slot is held, when to remind, how long to wait for a resident. */
  bookings: { holdSeconds: number; reminderLeadSeconds: number; noShowGraceSeconds: number };
  demo: { enabled: boolean; password: string; open311Key: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The development secret is public knowledge: production must bring its own. */
const DEV_SECRET = 'civicflow-development-secret-do-not-use-in-production';

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.APP_SECRET) {
    throw new ConfigError(['APP_SECRET: required when NODE_ENV=production']);
  }
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    env: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    http: {
      host: c.HOST,
      port: c.PORT,
      publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
      corsOrigins: c.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    },
    dataDir,
    secret: c.APP_SECRET ?? DEV_SECRET,
    database: { url: c.DATABASE_URL, embeddedPort: c.EMBEDDED_PG_PORT },
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      devServerPort: c.TEMPORAL_PORT,
      uiPort: c.TEMPORAL_UI_PORT,
      cliPath: c.TEMPORAL_CLI_PATH,
      cacheDir: path.resolve(c.TEMPORAL_CACHE_DIR),
      workflowBundleFile: c.WORKFLOW_BUNDLE_FILE && path.resolve(c.WORKFLOW_BUNDLE_FILE),
    },
    auth: {
      sessionTtlMinutes: c.SESSION_TTL_MINUTES,
      maxFailures: c.LOGIN_MAX_FAILURES,
      lockMinutes: c.LOGIN_LOCK_MINUTES,
    },
    cases: {
      reopenWindowMinutes: c.CASE_REOPEN_WINDOW_MINUTES,
      triageThreshold: c.CLASSIFIER_THRESHOLD,
      duplicateRadiusMeters: c.DUPLICATE_RADIUS_METERS,
      duplicateWindowDays: c.DUPLICATE_WINDOW_DAYS,
      historyLimit: c.WORKFLOW_HISTORY_LIMIT,
      classifierModelFile: c.CLASSIFIER_MODEL_FILE && path.resolve(c.CLASSIFIER_MODEL_FILE),
    },
    rateLimits: {
      intakePerMinute: c.INTAKE_RATE_LIMIT_PER_MINUTE,
      trackingPerMinute: c.TRACKING_RATE_LIMIT_PER_MINUTE,
    },
    metricsToken: c.METRICS_TOKEN,
    map: { tileUrl: c.MAP_TILE_URL, center: latLon(c.MAP_CENTER) },
    cityName: c.CITY_NAME,
    portal: { distDir: path.resolve(c.PORTAL_DIST_DIR ?? path.join(__dirname, '..', 'portal', 'dist')) },
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM, attemptTimeoutSeconds: c.MAIL_ATTEMPT_TIMEOUT_SECONDS },
    mailIntake: {
      port: c.MAIL_INTAKE_PORT,
      host: c.MAIL_INTAKE_HOST,
      addresses: mailIntakeAddresses(c.MAIL_INTAKE_ADDRESSES, c.MAIL_FROM),
      maxBytes: c.MAIL_INTAKE_MAX_BYTES,
    },
    bookings: {
      holdSeconds: c.BOOKING_HOLD_SECONDS,
      reminderLeadSeconds: c.BOOKING_REMINDER_LEAD_SECONDS,
      noShowGraceSeconds: c.BOOKING_NO_SHOW_GRACE_SECONDS,
    },
    demo: {
      enabled: c.DEMO_DATA ?? c.NODE_ENV !== 'production',
      password: c.DEMO_PASSWORD,
      open311Key: c.DEMO_OPEN311_KEY,
    },
  };
}

/** `Kontakt 19115 <kontakt@city.example>` or a bare address: the address, lower-cased. */
export function mailboxAddress(value: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  return (bracketed ? bracketed[1] : value).trim().toLowerCase();
}

function mailIntakeAddresses(list: string, mailFrom: string): string[] {
  const listed = list
    .split(',')
    .map((address) => address.trim().toLowerCase())
    .filter(Boolean);
  return listed.length > 0 ? listed : [mailboxAddress(mailFrom)];
}

/** The database URL in effect: the configured one, or the embedded server's. */
export function effectiveDatabaseUrl(config: Config): string {
  return (
    config.database.url ??
    `postgresql://postgres:postgres@127.0.0.1:${config.database.embeddedPort}/civicflow`
  );
}

export function effectiveTemporalAddress(config: Config): string {
  return config.temporal.address ?? `127.0.0.1:${config.temporal.devServerPort}`;
}

function latLon(value: string): { lat: number; lon: number } {
  const [lat, lon] = value.split(',').map(Number);
  return { lat, lon };
}
