#!/usr/bin/env node
// Entry point. `npm run build` (run by `npm ci` through `prepare`) compiles src/ to dist/cli
// and bundles it into dist/bin; the bundle starts faster, the plain build is the fallback.
import { existsSync } from 'node:fs';

// A reader that goes away (`medassist doctor | head -1`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const bundled = new URL('../dist/bin/main.js', import.meta.url);
const entry = existsSync(bundled) ? bundled : new URL('../dist/cli/main.js', import.meta.url);
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
