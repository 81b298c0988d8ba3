import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { compileKnowledgeBase } from '../compile.js';
import { buildRelease } from './build-release.js';
import { generateReleaseKey } from './signing.js';

const CONTENT = fileURLToPath(new URL('../../../content/passages', import.meta.url));
/** Issue 4: the tier-2 bundle must arrive in under 90 s at 1 Mbit/s, so stay under 10 MB. */
const LIMIT_BYTES = 10 * 1000 * 1000;

void test('the full knowledge bundle of the real content is under 10 MB compressed', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'medassist-bundle-'));
  try {
    const dbPath = join(dir, 'knowledge.db');
    compileKnowledgeBase({ contentDir: CONTENT, outFile: dbPath });
    const { manifest } = buildRelease({ dbPath, channel: 'stable', key: generateReleaseKey() });
    const seconds = (manifest.bundle.size * 8) / 1_000_000;

    t.diagnostic(`bundle ${manifest.bundle.size} bytes gzip, ${seconds.toFixed(1)} s at 1 Mbit/s`);
    assert.ok(manifest.bundle.size < LIMIT_BYTES, `bundle is [${manifest.bundle.size}] bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
