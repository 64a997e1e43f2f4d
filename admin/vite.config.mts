import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: path.dirname(fileURLToPath(import.meta.url)),
  base: '/admin/',
  plugins: [react()],
  // One copy each of react, react-router and MUI, or react-admin's contexts break apart.
  resolve: { dedupe: ['react', 'react-dom', 'react-router', 'react-router-dom', '@mui/material'] },
  build: {
    outDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  // ws: the chat queue's WebSocket goes through the same proxy in development.
  server: { proxy: { '/api': { target: 'http://localhost:3000', ws: true } } },
});
