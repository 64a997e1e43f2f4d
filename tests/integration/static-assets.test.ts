import fs from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ADMIN_DIST } from '../../api/app';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import { portalBuildConfig } from '../support/browser';
import { startTestApp, type TestApp } from '../support/integration';

const BUILD_TIMEOUT_MS = 240_000;
const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Both browser apps as the API serves their production builds: each hashed asset in the encoding
 * the browser takes (brotli, gzip, or the file itself), the same bytes once decoded, cached for a
 * year; the page itself revalidated on every load so a new deploy reaches an open browser.
 */
describe('the built back office and portal as the API serves them', () => {
  let t: TestApp;
  let portalDist: string;

  beforeAll(async () => {
    await ensureAdminBuilt(() => {});
    const portal = await portalBuildConfig();
    portalDist = portal.PORTAL_DIST_DIR;
    t = await startTestApp({ config: portal });
  }, BUILD_TIMEOUT_MS);
  afterAll(() => t?.close());

  /** The entry script index.html names: the first screen's biggest download. */
  async function entryScript(page: string): Promise<string> {
    const response = await t.app.inject({ method: 'GET', url: page });
    expect(response.statusCode).toBe(200);
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(response.body)?.[1];
    expect(script).toMatch(/\/assets\/index-[\w-]+\.js$/);
    return script!;
  }

  /** The build's biggest stylesheet (the back office's first screen has none). */
  function biggestStylesheet(dist: string, prefix: string): string {
    const [file] = fs
      .readdirSync(path.join(dist, 'assets'))
      .filter((name) => name.endsWith('.css'))
      .sort(
        (a, b) =>
          fs.statSync(path.join(dist, 'assets', b)).size - fs.statSync(path.join(dist, 'assets', a)).size,
      );
    expect(file).toBeDefined();
    return `${prefix}assets/${file}`;
  }

  const fileOf = (dist: string, prefix: string, url: string) =>
    fs.readFileSync(path.join(dist, url.slice(prefix.length)));

  describe.each([
    { app: 'back office', page: '/admin/', prefix: '/admin/', dist: () => ADMIN_DIST },
    { app: 'portal', page: '/portal/', prefix: '/portal/', dist: () => portalDist },
  ])('the $app', ({ page, prefix, dist }) => {
    it('sends an asset brotli-compressed to a browser that takes br, cached for a year', async () => {
      const script = await entryScript(page);
      const original = fileOf(dist(), prefix, script);
      const response = await t.app.inject({
        method: 'GET',
        url: script,
        headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(response.headers['cache-control']).toBe(YEAR_IMMUTABLE);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.rawPayload.length).toBeLessThan(original.length / 2);
      expect(brotliDecompressSync(response.rawPayload).equals(original)).toBe(true);
    });

    it('sends gzip to a browser that takes gzip but not br', async () => {
      const script = await entryScript(page);
      for (const url of [script, biggestStylesheet(dist(), prefix)]) {
        const original = fileOf(dist(), prefix, url);
        const response = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-encoding']).toBe('gzip');
        expect(response.headers['cache-control']).toBe(YEAR_IMMUTABLE);
        expect(response.headers.vary).toMatch(/accept-encoding/i);
        expect(response.rawPayload.length).toBeLessThan(original.length);
        expect(gunzipSync(response.rawPayload).equals(original)).toBe(true);
      }
    });

    it('sends the file itself to a client that takes no compression', async () => {
      const script = await entryScript(page);
      const original = fileOf(dist(), prefix, script);
      for (const headers of [{}, { 'accept-encoding': 'identity' }]) {
        const response = await t.app.inject({ method: 'GET', url: script, headers });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-encoding']).toBeUndefined();
        expect(response.headers['cache-control']).toBe(YEAR_IMMUTABLE);
        expect(response.headers.vary).toMatch(/accept-encoding/i);
        expect(response.rawPayload.equals(original)).toBe(true);
      }
    });

    it('has every page load ask for index.html again, under the Content Security Policy', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: page,
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      const html =
        response.headers['content-encoding'] === 'br'
          ? brotliDecompressSync(response.rawPayload).toString('utf8')
          : response.headers['content-encoding'] === 'gzip'
            ? gunzipSync(response.rawPayload).toString('utf8')
            : response.body;
      expect(html).toContain('<div id="root">');
    });
  });

  it('gives the favicon, which has no hash in its name, no long cache', async () => {
    for (const url of ['/admin/favicon.svg', '/portal/favicon.svg']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the portal’s compressed copies only through their file’s own address', async () => {
    const script = await entryScript('/portal/');
    const copy = await t.app.inject({ method: 'GET', url: `${script}.br` });
    expect(copy.statusCode).toBe(404);
  });
});
