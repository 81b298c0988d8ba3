/**
 * Keeps the module map of ARCHITECTURE.md true: imports point inward (clinical <- knowledge
 * <- inference <- clinic; protocol shared by clinic and cloud; cli on top; web speaks HTTP
 * only). Test files are free to reach across, product files are not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Which top-level folders of src/ each folder may import from (besides itself). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  shared: [],
  clinical: ['shared'],
  protocol: ['shared'],
  // Releases of the knowledge base are the wire's signed manifests.
  knowledge: ['clinical', 'protocol', 'shared'],
  inference: ['clinical', 'knowledge', 'protocol', 'shared'],
  clinic: ['clinical', 'knowledge', 'inference', 'protocol', 'shared'],
  cloud: ['clinical', 'knowledge', 'inference', 'protocol', 'shared'],
  web: [],
  cli: ['clinical', 'knowledge', 'inference', 'protocol', 'clinic', 'cloud', 'shared'],
};

/** Folders whose product code must not touch Node built-ins (pure domain, browser code). */
const NO_NODE = new Set(['clinical', 'web', 'protocol']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-helpers' ? [] : sourceFiles(path);
    // Tests and their helpers may reach across layers.
    return /\.tsx?$/.test(name) && !/(\.test\.tsx?|test-helpers.*)$/.test(name) ? [path] : [];
  });
}

function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const found: { spec: string; typeOnly: boolean }[] = [];
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4];
    if (spec) found.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return found;
}

function topFolder(file: string): string {
  return relative(SRC, file).split('/')[0] ?? '';
}

function violations(): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = topFolder(file);
    const allowed = MAY_IMPORT[from];
    if (!allowed) continue;
    for (const { spec, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
      const where = relative(SRC, file);
      if (spec.startsWith('node:') && NO_NODE.has(from)) out.push(`${where} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      const to = topFolder(resolve(dirname(file), spec));
      // The browser may share wire types with the server, never code.
      const typeOk = typeOnly && from === 'web' && to === 'protocol';
      if (to !== from && !allowed.includes(to) && !typeOk) out.push(`${where} imports ${to}/`);
    }
  }
  return out;
}

void test('product code imports only the layers the module map allows', () => {
  assert.deepEqual(violations(), []);
});

void test('the import scanner sees static, re-exported and dynamic imports', () => {
  const text = `import { a } from './a.js';\nexport { b } from "../b.js";\nconst c = await import('../../c.js');\nimport type { D } from './d.js';`;
  assert.deepEqual(importsOf(text), [
    { spec: './a.js', typeOnly: false },
    { spec: '../b.js', typeOnly: false },
    { spec: '../../c.js', typeOnly: false },
    { spec: './d.js', typeOnly: true },
  ]);
});
