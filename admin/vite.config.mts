import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from '../scripts/vite-precompress.mts';

export default defineConfig({
  root: path.dirname(fileURLToPath(import.meta.url)),
  base: '/admin/',
  plugins: [react(), precompress()],
  // One copy each of react, react-router and MUI, or react-admin's contexts break apart.
  resolve: { dedupe: ['react', 'react-dom', 'react-router', 'react-router-dom', '@mui/material'] },
  build: {
    outDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      output: {
        // Everything the sign-in and the case list need in one chunk. Left alone, Rolldown splits what
        // they share with the lazy screens into dozens of small chunks, each a request of its own and
        // each compressed on its own (less well); the lazy screens then load only what is theirs.
        codeSplitting: { groups: [{ name: 'back-office', tags: ['$initial'] }] },
      },
    },
  },
  // ws: the chat queue's WebSocket goes through the same proxy in development.
  server: { proxy: { '/api': { target: 'http://localhost:3000', ws: true } } },
});
