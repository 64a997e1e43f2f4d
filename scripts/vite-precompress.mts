import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text the browser downloads; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest)$/;
/** Below this a response fits in one packet anyway, and the compressed copy saves nothing. */
const MIN_BYTES = 1024;
/**
 * Brotli's level 11 makes the back office's files 1.5 % smaller than level 10 but takes five times
 * as long (seconds per megabyte), and every browser test run after a change rebuilds.
 */
const BROTLI_QUALITY = 10;

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy next to every compressible file of a build, at
 * high levels: compressing once at build time costs seconds, while compressing per request would
 * cost CPU on every download and could not afford these levels. The API serves them
 * with @fastify/static's `preCompressed`, falling back to the file itself for a browser that takes
 * neither or where no copy was worth writing.
 */
export function precompress(): Plugin {
  return {
    name: 'civicflow-precompress',
    apply: 'build',
    async writeBundle({ dir: outDir }) {
      if (!outDir) return;
      const files = (await fs.readdir(outDir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
        .map((entry) => path.join(entry.parentPath, entry.name));
      await Promise.all(
        files.map(async (file) => {
          const content = await fs.readFile(file);
          if (content.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < content.length) await fs.writeFile(`${file}.br`, br);
          if (gz.length < content.length) await fs.writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}
