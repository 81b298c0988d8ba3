/**
 * Every interface language has every key of the English file, each locale says in its metadata
 * whether a clinician has reviewed it, and the question of every finding of the vocabulary is
 * in the English file (so a new finding cannot reach the guided consult untranslatable).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FINDING_KEYS } from '../../src/clinical/case/index.js';
import { EDITIONS } from '../../src/clinical/protocols/registry.js';

const LOCALES = ['en', 'fr', 'sw', 'hi', 'bn', 'th', 'id', 'vi'] as const;
type Tree = { [key: string]: string | Tree };

function load(lang: string): Tree {
  const url = new URL(`../../src/web/locales/${lang}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Tree;
}

/** Dotted paths of every string leaf, without the `_meta` block. */
function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    if (prefix === '' && key === '_meta') return [];
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [path] : leafKeys(value, path);
  });
}

/** i18next interpolation names in a string: `{{count}}` -> count. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

function lookup(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

const en = load('en');
const enKeys = leafKeys(en);

for (const lang of LOCALES) {
  test(`the ${lang} interface has every key of en.json with the same placeholders`, () => {
    const locale = load(lang);
    const missing = enKeys.filter((k) => lookup(locale, k) === undefined);
    assert.deepEqual(missing, [], `missing in ${lang}.json`);
    for (const key of enKeys) {
      const text = lookup(locale, key) ?? '';
      assert.deepEqual(placeholders(text), placeholders(lookup(en, key) ?? ''), `${lang}: ${key}`);
    }
  });

  test(`the ${lang} interface says in _meta whether a clinician reviewed it`, () => {
    const meta = load(lang)._meta;
    assert.ok(typeof meta === 'object', `${lang}.json has a _meta block`);
    assert.equal(typeof (meta as Record<string, unknown>).reviewed, 'boolean');
    assert.equal((meta as Record<string, unknown>).lang, lang);
  });
}

test('every finding of the vocabulary has its question in en.json', () => {
  const missing = FINDING_KEYS.filter((k) => lookup(en, `findings.${k}`) === undefined);
  assert.deepEqual(missing, []);
});

/** Every classification id of every edition (the rows carry `classificationId` and `name`). */
function classificationIds(): string[] {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const row = node as { classificationId?: unknown; name?: unknown };
    if (typeof row.classificationId === 'string' && typeof row.name === 'string') {
      ids.add(row.classificationId);
      return;
    }
    Object.values(node).forEach(walk);
  };
  for (const edition of Object.values(EDITIONS)) {
    walk(edition.sickChild.groups);
    walk(edition.youngInfant.groups);
  }
  return [...ids];
}

test('every classification of every edition has its name in en.json', () => {
  const ids = classificationIds();
  assert.ok(ids.length > 20, `found ${ids.length} classifications`);
  assert.deepEqual(
    ids.filter((id) => lookup(en, `classifications.${id}`) === undefined),
    [],
  );
});
