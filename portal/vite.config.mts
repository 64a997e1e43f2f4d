import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from '../scripts/vite-precompress.mts';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The residents' portal: a small React app without react-admin, so a phone loads it quickly. */
export default defineConfig({
  root,
  base: '/portal/',
  plugins: [react(), precompress()],
  resolve: { dedupe: ['react', 'react-dom', 'react-router'] },
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true },
  server: { proxy: { '/api': { target: 'http://localhost:3000' } } },
});
