import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { Sql } from '../db/sql.js';
import { createClinicDirectory } from './revocation.js';

/** An in-memory clinics table that counts the statements it answers. */
function fakeClinics(rows: Record<string, { region: string; revoked: boolean }>) {
  const seen: string[] = [];
  const sql: Sql = {
    query<T>(text: string, params?: unknown[]) {
      seen.push(text);
      if (text.includes('WHERE revoked_at IS NOT NULL')) {
        const ids = Object.entries(rows).filter(([, r]) => r.revoked);
        return Promise.resolve({ rows: ids.map(([id]) => ({ clinic_id: id })) as T[] });
      }
      const row = rows[String(params?.[0])];
      return Promise.resolve({ rows: (row ? [row] : []) as T[] });
    },
  };
  return { sql, seen, rows };
}

test('lookups within the cache age share one read of the revoked list', async () => {
  const db = fakeClinics({ a: { region: 'north', revoked: false } });
  const directory = createClinicDirectory(db.sql, 60_000);
  const answers = await Promise.all([1, 2, 3].map(() => directory.isRevoked('a')));
  assert.deepEqual(answers, [false, false, false]);
  assert.equal(await directory.isRevoked('a'), false);
  assert.equal(db.seen.length, 1);
});

test('a revocation is seen once the cache age has passed', async () => {
  const db = fakeClinics({ a: { region: 'north', revoked: false } });
  const directory = createClinicDirectory(db.sql, 20);
  assert.equal(await directory.isRevoked('a'), false);
  db.rows.a!.revoked = true;
  await sleep(30);
  assert.equal(await directory.isRevoked('a'), true);
  assert.deepEqual(await directory.lookup('a'), { region: 'north', revoked: true });
});

test('a clinic seen active keeps its region without another row read', async () => {
  const db = fakeClinics({ a: { region: 'north', revoked: false } });
  const directory = createClinicDirectory(db.sql, 60_000);
  assert.deepEqual(await directory.lookup('a'), { region: 'north', revoked: false });
  assert.deepEqual(await directory.lookup('a'), { region: 'north', revoked: false });
  assert.equal(await directory.lookup('nobody'), null);
  // The revoked list once, the row of `a` once, the row of the unknown clinic once.
  assert.equal(db.seen.length, 3);
});

test('with no cache age every check reads the clinic row', async () => {
  const db = fakeClinics({ a: { region: 'north', revoked: false } });
  const directory = createClinicDirectory(db.sql, 0);
  assert.equal(await directory.isRevoked('a'), false);
  db.rows.a!.revoked = true;
  assert.equal(await directory.isRevoked('a'), true);
  assert.equal(await directory.isRevoked('nobody'), true);
});

test('a failed read of the revoked list fails the check instead of trusting an old list', async () => {
  let fail = false;
  const sql: Sql = {
    query: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve({ rows: [] })),
  };
  const directory = createClinicDirectory(sql, 10);
  assert.equal(await directory.isRevoked('a'), false);
  fail = true;
  await sleep(20);
  await assert.rejects(directory.isRevoked('a'), /down/);
});
