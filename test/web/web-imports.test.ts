/**
 * The browser code only speaks HTTP (ARCHITECTURE.md, "Module map"): nothing under src/web
 * imports a Node module or code from outside src/web, so no server module, key or record
 * store can end up in the page. Its tsconfig has no Node types either.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../../src/web', import.meta.url));
// uPlot draws the weight chart (its stylesheet comes with it).
const ALLOWED_PACKAGES = ['preact', 'preact/hooks', 'i18next', 'uplot', 'uplot/dist/uPlot.min.css'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function specifiers(text: string): string[] {
  return [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? '');
}

test('the web app imports only its own files, preact, i18next and uPlot', () => {
  const offending: string[] = [];
  for (const file of sources(WEB)) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const inside =
        spec.startsWith('.') && !relative(WEB, resolve(file, '..', spec)).startsWith('..');
      if (!inside && !ALLOWED_PACKAGES.includes(spec))
        offending.push(`${relative(WEB, file)}: ${spec}`);
    }
  }
  assert.deepEqual(offending, []);
});

test('the web app tsconfig has no Node types', () => {
  const config = JSON.parse(readFileSync(join(WEB, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { types?: string[] };
  };
  assert.ok(!(config.compilerOptions.types ?? []).includes('node'));
});
