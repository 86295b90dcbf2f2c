// Builds the Svelte interface (src-renderer) into dist/renderer: one page the Electron window
// loads through its app protocol and `specula serve` hands to a browser. Relative asset paths,
// so it works under both.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // No inline scripts or styles: the page's Content-Security-Policy allows 'self' only for scripts.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
