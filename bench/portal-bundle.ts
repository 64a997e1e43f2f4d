import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a phone downloads to show each page of the residents' portal: a production build (Vite,
 * with its manifest), then per page the JavaScript and CSS of its chunk and everything that chunk
 * imports, raw and gzipped, on top of the first download (index.html's entry).
 * Usage: npx tsx bench/portal-bundle.ts
 */
const ROOT = path.resolve(__dirname, '..');
const PAGES: [string, string][] = [
  ['/ (home)', 'src/App.tsx'],
  ['/report', 'src/report/ReportPage.tsx'],
  ['/track/:number', 'src/track/CaseStatusPage.tsx'],
  ['/map', 'src/map/ReportsMapPage.tsx'],
  ['/help', 'src/knowledge/KnowledgePage.tsx'],
  ['/book', 'src/bookings/BookVisitPage.tsx'],
  ['/announcements', 'src/announcements/AnnouncementsPage.tsx'],
  ['/open-data', 'src/open-data/OpenDataPage.tsx'],
];

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  isEntry?: boolean;
}

function main(): void {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-portal-bench-'));
  try {
    const started = Date.now();
    execFileSync(
      path.join(ROOT, 'node_modules', '.bin', 'vite'),
      [
        'build',
        '--config',
        'portal/vite.config.mts',
        '--outDir',
        outDir,
        '--manifest',
        '--logLevel',
        'error',
      ],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
    );
    console.log(`portal built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'),
    ) as Record<string, ManifestChunk>;
    const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
    if (!entryKey) throw new Error('no entry chunk in the manifest');

    const closure = (key: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(key)) return seen;
      seen.add(key);
      for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
      return seen;
    };
    const sizeOf = (keys: Iterable<string>) => {
      let raw = 0;
      let gzip = 0;
      const files = new Set<string>();
      for (const key of keys) {
        files.add(manifest[key].file);
        for (const css of manifest[key].css ?? []) files.add(css);
      }
      for (const file of files) {
        const bytes = fs.readFileSync(path.join(outDir, file));
        raw += bytes.length;
        gzip += gzipSync(bytes, { level: 9 }).length;
      }
      return { raw, gzip };
    };
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

    const first = closure(entryKey);
    const firstSize = sizeOf(first);
    console.log(
      `first download (entry ${manifest[entryKey].file}): ${kb(firstSize.raw)} raw, ${kb(firstSize.gzip)} gzip`,
    );
    console.log('page                 extra JS+CSS raw   gzip     total gzip');
    for (const [page, source] of PAGES) {
      const key = Object.keys(manifest).find((k) => k.endsWith(source));
      const extra = key ? [...closure(key)].filter((k) => !first.has(k)) : [];
      const size = sizeOf(extra);
      console.log(
        `${page.padEnd(20)} ${kb(size.raw).padStart(12)} ${kb(size.gzip).padStart(10)} ${kb(firstSize.gzip + size.gzip).padStart(12)}`,
      );
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

main();
