// Builds the renderer into dist/renderer. `base: './'` keeps asset URLs relative, so the
// same build loads from browser mode's http://127.0.0.1 and from Electron's custom protocol.
// Two pages: the app (index.html) and the desktop app's hidden GPU window (trainer.html), whose
// model Worker is bundled as an ES module.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // A strict CSP forbids inline scripts and styles: keep everything in files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        trainer: fileURLToPath(new URL('./trainer.html', import.meta.url)),
      },
      // The model Worker (tfjs) is bundled within one transform call, which rolldown would
      // report as a slow plugin on every build.
      checks: { bundlerTimings: false },
    },
  },
  worker: { format: 'es' },
});
