// The clinic web app (src/web) built into dist/web, served by `medassist clinic serve`. Every
// asset is emitted locally with a content hash; nothing is fetched from another origin.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: './',
  plugins: [preact()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // The CSP allows no inline script: keep the module preload polyfill out of the HTML.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
