#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli) into dist/bin with esbuild, code-split so that each
// command still loads only its own modules. One file per chunk instead of hundreds of ES
// modules cuts the start-up of `medassist consult` by about a third on a 2-core laptop.
// dist/bin sits two levels below the package root, like dist/cli, so paths relative to
// import.meta.url stay the same. Without esbuild (an install with --omit=optional drops its
// platform binary) the unbundled dist/cli is used and this step only says so.
import { rmSync } from 'node:fs';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('bundle: esbuild not available; bin/medassist.js will run dist/cli unbundled');
  process.exit(0);
}
rmSync('dist/bin', { recursive: true, force: true });
await esbuild.build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons stay in node_modules; so does PGlite, which loads its WASM and data files
  // from beside its own module, and undici (clinic TLS, src/shared/tls/transport.ts): its
  // CommonJS exports reach a bundled `import()` without `Agent`; Node's own import finds them.
  external: [
    'better-sqlite3-multiple-ciphers',
    '@node-rs/argon2',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    'undici',
  ],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log('bundle: dist/bin written');
