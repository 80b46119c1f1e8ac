import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The analyst console: a static single-page app, built to console/dist and served beside /config.json. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Served from the root of its origin, locally (local/console-server.ts) and behind CloudFront.
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest tells the page-weight test which chunks the first load fetches.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
  },
});
