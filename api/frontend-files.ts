import path from 'node:path';
import type { FastifyStaticOptions } from '@fastify/static';

/** A year, and the browser need not even ask again: the name changes whenever the content does. */
export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** Kept, but checked (ETag) every time, so a new deploy reaches an open browser at its next load. */
export const UNHASHED_FILE_CACHE = 'no-cache';

/**
 * How the API serves a Vite build (the back office, the portal): the brotli or gzip copy the build
 * wrote next to each file (scripts/vite-precompress.mts) when the browser takes it, the file itself
 * otherwise, with `Vary: Accept-Encoding` either way. Vite puts only content-hashed files under
 * assets/, so those are cached for good; index.html, the favicon and the like are revalidated.
 */
export function builtFrontendFiles(root: string, prefix: string): FastifyStaticOptions {
  const assets = path.join(root, 'assets') + path.sep;
  return {
    root,
    prefix,
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, file) {
      reply.header('cache-control', file.startsWith(assets) ? HASHED_ASSET_CACHE : UNHASHED_FILE_CACHE);
    },
  };
}
