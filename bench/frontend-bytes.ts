import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../api/app';
import { loadConfig } from '../config/config';
import { createOrm, migrate } from '../db/orm';
import { seedDemoUsers } from '../db/seed/seed-demo-data';
import { seedReferenceData } from '../db/seed/seed-reference-data';
import { ensureAdminBuilt, ensurePortalBuilt } from '../scripts/services/frontend-build';
import { CHROMIUM_ARGS, CHROMIUM_PATH, listenForBrowser } from '../tests/support/browser';

/**
 * What the browser really downloads for the first screens of both apps: the back office's sign-in
 * page, the case list a clerk lands on after signing in, and the residents' portal home, each in a
 * fresh Chromium context (empty cache) against the API serving the production builds. Counted
 * from the DevTools protocol: bytes on the wire (Network.loadingFinished's encodedDataLength,
 * headers included, so compression shows) and bytes decoded (Network.dataReceived), by resource
 * type, with the first contentful paint. Only the app's own origin counts (a tile server is not
 * ours to shrink). The API runs on a scratch database made, migrated and dropped on DATABASE_URL's
 * server; Temporal is not needed for these pages.
 *
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/frontend-bytes.ts
 *          [--baseline results.json] [--save results.json] [--urls]
 * Prints the figures next to a run saved earlier: by default BASELINE_FILE, measured before the
 * files were compressed and the back office split (issue 17). `--save` keeps this run's figures to
 * compare a later change with; `--urls` lists every request counted.
 */
const GOALS_KB: Record<string, number> = {
  'back office: sign-in + case list': 400,
  'portal: home': 120,
};
const PASSWORD = 'frontend-bench-password';
const BASELINE_FILE = path.join(__dirname, 'frontend-bytes.baseline.json');

interface Traffic {
  requests: number;
  encoded: number;
  decoded: number;
  byType: Record<string, { requests: number; encoded: number; decoded: number }>;
  encodings: Record<string, number>;
}

interface Measurement extends Traffic {
  firstContentfulPaintMs: number | null;
  /** From the navigation or click until the screen could be used (the form, the list's heading). */
  shownMs?: number;
}

type Results = Record<string, Measurement>;

/** A saved run: which code it measured, and its figures. */
interface SavedRun {
  label: string;
  results: Results;
}

interface Request {
  url: string;
  type: string;
  encoding: string;
  /** A server-sent event stream stays open for the page's life: nothing to wait for. */
  stream: boolean;
  finished: boolean;
  counted: boolean;
  /** Headers and body as they came over the wire, and the body decoded. */
  encoded: number;
  decoded: number;
}

/**
 * Records every request of one page from the moment it is called; `stop` sums those that ended
 * (and the open event streams, with what they received so far) since the last `stop`.
 */
async function recordTraffic(page: Page, origin: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map<string, Request>();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (event) => {
    lastActivity = Date.now();
    requests.set(event.requestId, {
      url: event.request.url,
      type: event.type ?? 'Other',
      encoding: 'identity',
      stream: false,
      finished: false,
      counted: false,
      encoded: 0,
      decoded: 0,
    });
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    request.encoding = headers['content-encoding'] ?? 'identity';
    request.stream = event.response.mimeType === 'text/event-stream';
    request.encoded = event.response.encodedDataLength;
  });
  cdp.on('Network.dataReceived', (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    request.decoded += event.dataLength;
    request.encoded += event.encodedDataLength;
  });
  const end = (requestId: string, encoded?: number) => {
    lastActivity = Date.now();
    const request = requests.get(requestId);
    if (!request) return;
    request.finished = true;
    if (encoded !== undefined) request.encoded = encoded;
  };
  cdp.on('Network.loadingFailed', (event) => end(event.requestId));
  cdp.on('Network.loadingFinished', (event) => end(event.requestId, event.encodedDataLength));
  return {
    /**
     * Until nothing has been in flight for a second. Playwright's 'networkidle' is a load state the
     * page reaches once, so it cannot tell when the requests after a click have ended.
     */
    async quiet(): Promise<void> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const open = [...requests.values()].filter((r) => !r.finished && !r.stream);
        if (open.length === 0 && Date.now() - lastActivity >= 1000) return;
        if (Date.now() > deadline) throw new Error(`still in flight: ${open.map((r) => r.url).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop(): Traffic {
      const traffic: Traffic = { requests: 0, encoded: 0, decoded: 0, byType: {}, encodings: {} };
      for (const request of requests.values()) {
        if (request.counted || !(request.finished || request.stream)) continue;
        request.counted = true;
        if (!request.url.startsWith(origin)) continue;
        if (process.argv.includes('--urls')) {
          console.log(
            `  ${request.type.padEnd(12)} ${String(request.encoded).padStart(8)} ${request.encoding.padEnd(8)} ${request.url.slice(origin.length)}`,
          );
        }
        traffic.requests += 1;
        traffic.encoded += request.encoded;
        traffic.decoded += request.decoded;
        const type = (traffic.byType[request.type] ??= { requests: 0, encoded: 0, decoded: 0 });
        type.requests += 1;
        type.encoded += request.encoded;
        type.decoded += request.decoded;
        if (request.type === 'Script' || request.type === 'Stylesheet' || request.type === 'Document') {
          traffic.encodings[request.encoding] = (traffic.encodings[request.encoding] ?? 0) + 1;
        }
      }
      return traffic;
    },
  };
}

async function firstContentfulPaint(page: Page): Promise<number | null> {
  return page.evaluate<number | null>(
    `(performance.getEntriesByName('first-contentful-paint')[0] || { startTime: null }).startTime`,
  );
}

async function measure(browser: Browser, baseUrl: string): Promise<Results> {
  const results: Results = {};
  const fresh = async () => {
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    return { context, page, traffic: await recordTraffic(page, baseUrl) };
  };

  {
    const { context, page, traffic } = await fresh();
    let started = Date.now();
    await page.goto(`${baseUrl}/admin/`);
    await page.locator('input[name="username"]').waitFor({ timeout: 60_000 });
    const formShownMs = Date.now() - started;
    await traffic.quiet();
    const signIn = traffic.stop();
    const firstContentfulPaintMs = await firstContentfulPaint(page);
    results['back office: sign-in'] = { ...signIn, firstContentfulPaintMs, shownMs: formShownMs };
    await page.locator('input[name="username"]').fill('clerk');
    await page.locator('input[name="password"]').fill(PASSWORD);
    started = Date.now();
    await page.locator('button[type="submit"]').click();
    await page
      .getByRole('heading', { name: /Sprawy/ })
      .first()
      .waitFor({ timeout: 60_000 });
    const listShownMs = Date.now() - started;
    await traffic.quiet();
    const caseList = traffic.stop();
    results['back office: case list (after sign-in)'] = {
      ...caseList,
      firstContentfulPaintMs: null,
      shownMs: listShownMs,
    };
    results['back office: sign-in + case list'] = {
      ...sum(signIn, caseList),
      firstContentfulPaintMs,
      shownMs: formShownMs + listShownMs,
    };
    await context.close();
  }
  {
    const { context, page, traffic } = await fresh();
    const started = Date.now();
    await page.goto(`${baseUrl}/portal/`);
    await page.locator('main').first().waitFor({ timeout: 60_000 });
    const shownMs = Date.now() - started;
    await traffic.quiet();
    results['portal: home'] = {
      ...traffic.stop(),
      firstContentfulPaintMs: await firstContentfulPaint(page),
      shownMs,
    };
    await context.close();
  }
  return results;
}

function sum(a: Traffic, b: Traffic): Traffic {
  const total: Traffic = {
    requests: a.requests + b.requests,
    encoded: a.encoded + b.encoded,
    decoded: a.decoded + b.decoded,
    byType: {},
    encodings: {},
  };
  for (const part of [a, b]) {
    for (const [type, figures] of Object.entries(part.byType)) {
      const into = (total.byType[type] ??= { requests: 0, encoded: 0, decoded: 0 });
      into.requests += figures.requests;
      into.encoded += figures.encoded;
      into.decoded += figures.decoded;
    }
    for (const [encoding, n] of Object.entries(part.encodings)) {
      total.encodings[encoding] = (total.encodings[encoding] ?? 0) + n;
    }
  }
  return total;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : `${Math.round(value)} ms`;

function print(results: Results, baseline: SavedRun | null): void {
  console.log(
    `${'page'.padEnd(42)} ${'requests'.padStart(8)} ${'transferred'.padStart(12)} ${'decoded'.padStart(12)} ${'FCP'.padStart(8)} ${'shown'.padStart(8)}`,
  );
  for (const [name, m] of Object.entries(results)) {
    console.log(
      `${name.padEnd(42)} ${String(m.requests).padStart(8)} ${kb(m.encoded).padStart(12)} ${kb(m.decoded).padStart(12)} ${ms(m.firstContentfulPaintMs).padStart(8)} ${ms(m.shownMs).padStart(8)}`,
    );
    const types = Object.entries(m.byType)
      .sort(([, x], [, y]) => y.encoded - x.encoded)
      .map(([type, t]) => `${type} ${t.requests}× ${kb(t.encoded)}/${kb(t.decoded)}`)
      .join(', ');
    const encodings = Object.entries(m.encodings)
      .map(([encoding, n]) => `${encoding} ${n}`)
      .join(', ');
    console.log(`${''.padEnd(4)}${types}; documents, scripts and styles by encoding: ${encodings}`);
  }
  if (baseline) {
    console.log(`\nbefore (${baseline.label}) → now: transferred; decoded; requests; FCP`);
    for (const [name, m] of Object.entries(results)) {
      const b = baseline.results[name];
      if (!b) continue;
      const fcp =
        b.firstContentfulPaintMs !== null && m.firstContentfulPaintMs !== null
          ? `; ${ms(b.firstContentfulPaintMs)} → ${ms(m.firstContentfulPaintMs)}`
          : '';
      console.log(
        `${name.padEnd(42)} ${kb(b.encoded)} → ${kb(m.encoded)}; ${kb(b.decoded)} → ${kb(m.decoded)}; ${b.requests} → ${m.requests}${fcp}`,
      );
    }
  }
  console.log('\ngoals (transferred)');
  for (const [name, goal] of Object.entries(GOALS_KB)) {
    const m = results[name];
    const within = m.encoded <= goal * 1024;
    console.log(
      `${name.padEnd(42)} ${kb(m.encoded).padStart(10)} / goal ${goal} kB: ${within ? 'met' : 'NOT met'}`,
    );
  }
}

/** The commit measured, marked when the working tree has changes on top of it. */
function revision(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: path.join(__dirname, '..') })
      .toString()
      .trim();
  try {
    return `${git('rev-parse', '--short', 'HEAD')}${git('--no-optional-locks', 'status', '--porcelain') ? ' + changes' : ''}`;
  } catch {
    return 'unknown revision';
  }
}

function option(name: string): string | null {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error('Set DATABASE_URL to a PostgreSQL server the bench may make a scratch database on.');
  }
  const baselineFile = option('--baseline') ?? BASELINE_FILE;
  const baseline = fs.existsSync(baselineFile)
    ? (JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as SavedRun)
    : null;
  const log = (line: string) => console.log(line);
  await Promise.all([ensureAdminBuilt(log), ensurePortalBuilt(log)]);

  const database = `civicflow_frontend_bench_${process.pid}`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-frontend-bench-'));
  try {
    // NODE_ENV=test only for the cheap password hashes of the demo users; serving is the same.
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl.toString(),
      APP_SECRET: 'frontend-bench-secret-0123456789abcdef',
      DEMO_PASSWORD: PASSWORD,
      PASSWORD_HASH_COST: '10',
      DATA_DIR: tmpDir,
    });
    const orm = createOrm(config.database.url!);
    await migrate(orm);
    await seedReferenceData(orm);
    await seedDemoUsers(orm, PASSWORD, config.auth.passwordHashCost);
    const app = await buildApp(config, { orm });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const baseUrl = await listenForBrowser(app);
      const results = await measure(browser, baseUrl);
      print(results, baseline);
      const saveFile = option('--save');
      if (saveFile) {
        const run: SavedRun = { label: `${revision()}, ${new Date().toISOString().slice(0, 10)}`, results };
        fs.writeFileSync(saveFile, `${JSON.stringify(run, null, 2)}\n`);
      }
    } finally {
      await browser.close();
      await app.close();
      await orm.close();
    }
  } finally {
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
