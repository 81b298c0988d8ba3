/**
 * The web app's JavaScript stays under 150 KB gzipped (issue 6, "Speed"): a tablet on a slow
 * clinic network loads it in a moment, and the budget catches a heavy dependency early.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ASSETS = fileURLToPath(new URL('../../dist/web/assets', import.meta.url));
const BUDGET_BYTES = 150 * 1024;
const built = existsSync(ASSETS);

test(
  'all JavaScript of the web app is under 150 KB gzipped',
  { skip: built ? false : 'dist/web is not built (npm run build builds it)' },
  () => {
    const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
    assert.ok(files.length > 0, 'the build emitted JavaScript');
    const gzipped = files.reduce(
      (sum, f) => sum + gzipSync(readFileSync(`${ASSETS}/${f}`), { level: 9 }).length,
      0,
    );
    console.log(
      `web app JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${files.length} file(s)`,
    );
    assert.ok(gzipped < BUDGET_BYTES, `${gzipped} bytes gzipped`);
  },
);

test(
  'the built page loads nothing from another origin',
  { skip: built ? false : 'dist/web is not built' },
  () => {
    const html = readFileSync(
      fileURLToPath(new URL('../../dist/web/index.html', import.meta.url)),
      'utf8',
    );
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
    for (const f of readdirSync(ASSETS).filter((n) => n.endsWith('.js') || n.endsWith('.css'))) {
      const text = readFileSync(`${ASSETS}/${f}`, 'utf8');
      assert.doesNotMatch(text, /url\(\s*['"]?https?:/, `${f} loads no remote stylesheet asset`);
      assert.doesNotMatch(text, /import\(\s*['"]https?:/, `${f} imports no remote module`);
    }
  },
);
