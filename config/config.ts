/**
 * The configuration civicflow runs with: the environment's settings (`config-schema.ts`), checked
 * together (what production refuses) and shaped into sections, once at start, then passed down.
 */
import { createHash, createHmac } from 'node:crypto';
import path from 'node:path';
import type { PhotoSettings } from '../domain/attachments/photo-limits';
import { configSchema, listOf, OWASP_SCRYPT_COST, type ConfigValues, type PayloadKey } from './config-schema';

export { configSchema, OWASP_SCRYPT_COST, type PayloadKey } from './config-schema';

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: ConfigValues['LOG_LEVEL'];
  http: {
    host: string;
    port: number;
    publicUrl: string;
    corsOrigins: string[];
    /**
     * Proxies whose X-Forwarded-For is believed (addresses, CIDR ranges or proxy-addr's names);
     * empty: the client is the socket's peer, so no client can choose its own rate-limit key.
     */
    trustedProxies: string[];
  };
  dataDir: string;
  /**
   * Where residents' photos are kept as files (PostgreSQL holds their metadata): a full disk here
   * refuses new photos and nothing else. Back it up together with the database.
   */
  attachmentsDir: string;
  /** How photos are decoded and resized at upload (services/attachments/prepare-photo.ts). */
  photos: PhotoSettings;
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
    /** AES-256 keys of the payload codec: the first encrypts, all decrypt (by the id in each payload). */
    payloadKeys: PayloadKey[];
    /** HMAC key the API vouches for the actor of each workflow update and signal with; the worker checks. */
    actionKey: string;
  };
  auth: {
    sessionTtlMinutes: number;
    /** A session unused this long ends, whatever its TTL. */
    sessionIdleMinutes: number;
    /** Failed sign-ins of one username from one address before that pair is locked for lockMinutes. */
    maxFailures: number;
    lockMinutes: number;
    /**
     * Failed sign-ins of one username from all addresses (within lockMinutes) after which it may be
     * tried once per slowdownSeconds, except from addresses the user signed in from before.
     */
    slowdownFailures: number;
    slowdownSeconds: number;
    /** log2 of scrypt's N for new password hashes; older, cheaper hashes are upgraded at sign-in. */
    passwordHashCost: number;
  };
  /**
   * Hosts (names or addresses, lower case) whose units' webhooks may resolve to loopback, private or
   * link-local addresses; every other webhook must reach a public address.
   */
  connectors: { allowedHosts: string[] };
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
  mailIntake: {
    port: number;
    host: string;
    addresses: string[];
    maxBytes: number;
    /**
     * The authserv-id of the relay's Authentication-Results header (RFC 8601). Only its verdict
     * lets a mail thread into, or reopen, the case of its From address; unset trusts no one.
     */
    trustedAuthservId?: string;
    /** New cases from mail per hour, per From address and in all, counted in the database. */
    casesPerSenderPerHour: number;
    casesPerHour: number;
  };
  /** Raw inbound mail is deleted `rawMailDays` after processing; closed cases are anonymised after `closedCaseMonths`. */
  retention: { rawMailDays: number; closedCaseMonths: number };
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

/** Whether a secret is the published development value (anyone can sign sessions and derive tokens with it). */
export function isPublishedDevelopmentSecret(secret: string): boolean {
  return secret === DEV_SECRET;
}

/**
 * What a server must never run with: outside development and test (and an unset NODE_ENV counts
 * as production), no published secret and no demo accounts with their published password and key.
 */
function unsafeProductionSettings(c: ConfigValues, nodeEnv: 'development' | 'production' | 'test'): string[] {
  if (nodeEnv !== 'production') return [];
  const why = c.NODE_ENV ? 'when NODE_ENV=production' : 'when NODE_ENV is unset (which counts as production)';
  const problems: string[] = [];
  if (!c.APP_SECRET) problems.push(`APP_SECRET: required ${why}; set a long random string`);
  else if (isPublishedDevelopmentSecret(c.APP_SECRET))
    problems.push(`APP_SECRET: the published development value is refused ${why}`);
  if (c.DEMO_DATA)
    problems.push(`DEMO_DATA: demo users, the demo Open311 key and the demo password are refused ${why}`);
  return problems;
}

/**
 * `npm start`'s configuration. Without DATABASE_URL it runs an embedded database of its own, so an
 * unset NODE_ENV means development there; against a database it did not create it stays production.
 */
export function loadLocalStartConfig(env: Record<string, string | undefined> = process.env): Config {
  const ownDatabase = !env.DATABASE_URL;
  return loadConfig(ownDatabase && !env.NODE_ENV ? { ...env, NODE_ENV: 'development' } : env);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const c = parsed.data;
  const nodeEnv = c.NODE_ENV ?? 'production';
  const unsafe = unsafeProductionSettings(c, nodeEnv);
  if (unsafe.length) throw new ConfigError(unsafe);
  // Cheaper hashes only keep the test suite quick; a city's passwords get OWASP's minimum or more.
  if (c.NODE_ENV !== 'test' && c.PASSWORD_HASH_COST < OWASP_SCRYPT_COST) {
    throw new ConfigError([
      `PASSWORD_HASH_COST: must be at least ${OWASP_SCRYPT_COST} unless NODE_ENV=test (OWASP's minimum for scrypt)`,
    ]);
  }
  const temporalKeys = temporalKeysOf(c, nodeEnv);
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    env: nodeEnv,
    logLevel: c.LOG_LEVEL,
    http: {
      host: c.HOST,
      port: c.PORT,
      publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
      corsOrigins: c.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      trustedProxies: listOf(c.TRUSTED_PROXIES),
    },
    dataDir,
    attachmentsDir: path.resolve(c.ATTACHMENTS_DIR ?? path.join(dataDir, 'attachments')),
    photos: {
      maxPixels: c.PHOTO_MAX_PIXELS,
      thumbnailPx: c.PHOTO_THUMBNAIL_PX,
      screenPx: c.PHOTO_SCREEN_PX,
      timeoutSeconds: c.PHOTO_TIMEOUT_SECONDS,
    },
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
      ...temporalKeys,
    },
    auth: {
      sessionTtlMinutes: c.SESSION_TTL_MINUTES,
      sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
      maxFailures: c.LOGIN_MAX_FAILURES,
      lockMinutes: c.LOGIN_LOCK_MINUTES,
      slowdownFailures: c.LOGIN_SLOWDOWN_FAILURES,
      slowdownSeconds: c.LOGIN_SLOWDOWN_SECONDS,
      passwordHashCost: c.PASSWORD_HASH_COST,
    },
    connectors: {
      allowedHosts: c.CONNECTOR_ALLOWED_HOSTS.split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
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
      trustedAuthservId: c.MAIL_TRUSTED_AUTHSERV_ID,
      casesPerSenderPerHour: c.MAIL_INTAKE_CASES_PER_SENDER_PER_HOUR,
      casesPerHour: c.MAIL_INTAKE_CASES_PER_HOUR,
    },
    retention: {
      rawMailDays: c.RETENTION_RAW_MAIL_DAYS,
      closedCaseMonths: c.RETENTION_CLOSED_CASE_MONTHS,
    },
    bookings: {
      holdSeconds: c.BOOKING_HOLD_SECONDS,
      reminderLeadSeconds: c.BOOKING_REMINDER_LEAD_SECONDS,
      noShowGraceSeconds: c.BOOKING_NO_SHOW_GRACE_SECONDS,
    },
    demo: {
      enabled: c.DEMO_DATA ?? nodeEnv !== 'production',
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

/**
 * The Temporal payload keys and the workflow action key. Production brings its own (anyone who
 * reads the history or sends an update would otherwise only need APP_SECRET's derivation); in
 * development and test they are derived from APP_SECRET, the payload key's id from a fingerprint,
 * so a changed secret reports an unknown key id instead of a failed decryption.
 */
function temporalKeysOf(
  c: ConfigValues,
  nodeEnv: 'development' | 'production' | 'test',
): { payloadKeys: PayloadKey[]; actionKey: string } {
  if (nodeEnv === 'production') {
    const problems = [
      ...(c.TEMPORAL_PAYLOAD_KEYS
        ? []
        : [
            'TEMPORAL_PAYLOAD_KEYS: required unless NODE_ENV is development or test (id:base64 of 32 random bytes)',
          ]),
      ...(c.WORKFLOW_ACTION_KEY
        ? []
        : [
            'WORKFLOW_ACTION_KEY: required unless NODE_ENV is development or test (at least 32 random characters)',
          ]),
    ];
    if (problems.length) throw new ConfigError(problems);
  }
  const secret = c.APP_SECRET ?? DEV_SECRET;
  const derived = (purpose: string) => createHmac('sha256', secret).update(purpose).digest();
  const payloadKey = derived('civicflow temporal payload key');
  return {
    payloadKeys: c.TEMPORAL_PAYLOAD_KEYS ?? [
      { id: `derived-${createHash('sha256').update(payloadKey).digest('hex').slice(0, 8)}`, key: payloadKey },
    ],
    actionKey: c.WORKFLOW_ACTION_KEY ?? derived('civicflow workflow action key').toString('hex'),
  };
}
