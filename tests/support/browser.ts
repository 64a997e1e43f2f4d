import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { ensurePortalBuilt } from '../../scripts/services/frontend-build';

/** Debian's Chromium, as CI installs it (`apt-get install chromium`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (CI runs as root), nothing fetched from outside. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the browser project's setup publishes its Chromium server. */
export const CHROMIUM_WS_ENV = 'CIVICFLOW_CHROMIUM_WS';

/**
 * Chromium for a browser test: a connection to the run's Chromium server (the browser project's
 * setup starts one), or a Chromium of its own when the file runs outside that project. Closing
 * a connection closes the test's contexts and leaves the server to the other files.
 */
export function launchChromium(): Promise<Browser> {
  const ws = process.env[CHROMIUM_WS_ENV];
  if (ws) return chromium.connect(ws);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A download's content, read through the connection (the file sits with the Chromium server). */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A tile server nobody answers on: maps show their pins without any tile, and no test depends on
 * the internet. Tests set MAP_TILE_URL to it and pass `isUnreachableTile` as `ignore`.
 */
const UNREACHABLE_TILES = 'http://127.0.0.1:9';
export const UNREACHABLE_TILE_URL = `${UNREACHABLE_TILES}/{z}/{x}/{y}.png`;

/**
 * Failed loads of those tiles are the point, not a fault of the page (the CSP's
 * upgrade-insecure-requests may have turned them into https requests).
 */
export const isUnreachableTile = (url: string): boolean =>
  url.replace(/^https:/, 'http:').startsWith(UNREACHABLE_TILES);

/**
 * Watches a page for what a user would see as broken: uncaught errors, console errors and failed
 * responses. `ignore` skips URLs that are expected to fail (an unreachable tile server).
 */
export function watchProblems(
  page: Page,
  problems: string[],
  label: string,
  ignore: (url: string) => boolean = () => false,
): void {
  page.on('pageerror', (error) => problems.push(`${label}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !ignore(message.location().url)) {
      problems.push(`${label}: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !ignore(response.url())) {
      problems.push(`${label}: ${response.status()} ${response.url()}`);
    }
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and returns the serious and
 * critical violations, described so a failing test says what to fix. axe is evaluated through the
 * DevTools protocol, so the page's Content Security Policy (scripts from 'self' only) stays on.
 * `within`: a CSS selector to check only that part of the page (a screen's content, a dialog).
 */
export async function seriousAccessibilityViolations(page: Page, within?: string): Promise<string[]> {
  // Strings, not functions: the test code is compiled without the DOM's types.
  const hasAxe = await page.evaluate<boolean>("typeof window.axe === 'object'");
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(`
    axe
      .run(${within ? JSON.stringify(within) : 'document'}, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) =>
        result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
        })),
      )
  `);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** A new phone-sized or desktop context (or one of the given size); Polish unless asked otherwise. */
export async function newPage(
  browser: Browser,
  options: { locale?: string; mobile?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'pl-PL',
    viewport:
      options.viewport ?? (options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 800 }),
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
  });
  return { context, page: await context.newPage() };
}

/** Starts the app on a free port of 127.0.0.1 and returns the address a browser opens it at. */
export async function listenForBrowser(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export interface BackOfficeSignIn {
  /** The running app, as `listenForBrowser` returned it. */
  baseUrl: string;
  username: string;
  password: string;
  /** Where the page's errors go (see `watchProblems`), each labelled with the username. */
  problems: string[];
  /** URLs expected to fail (see `watchProblems`). */
  ignore?: (url: string) => boolean;
  /** What shows the user is in: a heading's name (by default /Sprawy/, the case list) or a CSS selector. */
  landing?: RegExp | string;
  viewport?: { width: number; height: number };
  /** A folder to save `login-<username>.png` in when the login form does not show. */
  artifacts?: string;
}

/**
 * Opens the back office in a new desktop context, Polish, watched for problems, signs in and waits
 * for the page the user lands on. The build may still be warming up on a shared machine: the login
 * form gets 45 s, and when it does not show, the error says what the page did show instead.
 */
export async function signInToBackOffice(browser: Browser, options: BackOfficeSignIn): Promise<Page> {
  const { username, problems } = options;
  const { page } = await newPage(browser, { viewport: options.viewport });
  watchProblems(page, problems, username, options.ignore);
  await page.goto(`${options.baseUrl}/admin/`);
  await page
    .locator('input[name="username"]')
    .waitFor({ timeout: 45_000 })
    .catch(async (error: unknown) => {
      if (options.artifacts) {
        await page.screenshot({ path: path.join(options.artifacts, `login-${username}.png`) });
      }
      throw new Error(
        `no login form at ${page.url()}: ${problems.join(' | ')}\n${(await page.content()).slice(0, 800)}`,
        { cause: error },
      );
    });
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(options.password);
  await page.locator('button[type="submit"]').click();
  const landing = options.landing ?? /Sprawy/;
  await (
    typeof landing === 'string' ? page.locator(landing) : page.getByRole('heading', { name: landing }).first()
  ).waitFor();
  return page;
}

/** Saves a screenshot under tests/artifacts/<folder>/ (not committed) to look at after a run. */
export async function screenshot(page: Page, folder: string, name: string): Promise<void> {
  const dir = path.join(__dirname, '..', 'artifacts', folder);
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * Where browser tests build the portal: portal/dist, or PORTAL_TEST_BUILD_DIR so people working
 * on the portal in parallel keep separate builds and one rebuild does not pull assets from under
 * another's running test.
 */
export function portalTestBuildDir(): string {
  return process.env.PORTAL_TEST_BUILD_DIR
    ? path.resolve(process.env.PORTAL_TEST_BUILD_DIR)
    : path.resolve(__dirname, '..', '..', 'portal', 'dist');
}

/** The configuration that serves the portal build (the browser project's setup made it). */
export async function portalBuildConfig(): Promise<{ PORTAL_DIST_DIR: string }> {
  const outDir = portalTestBuildDir();
  await ensurePortalBuilt(() => {}, outDir);
  return { PORTAL_DIST_DIR: outDir };
}
