import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openShards, type Shards } from '../../src/cloud/db/shards.js';
import type { Sql } from '../../src/cloud/db/sql.js';
import { createGroupIngest } from '../../src/cloud/ingest/group-ingest.js';
import { ingestPushes, type SortedPush } from '../../src/cloud/ingest/ingest.js';
import { telemetryItem } from '../support/uploads.js';
import { encounters, gatedSql, newClinic, pushOf, rowCount } from './ingest-helpers.js';
import { newDatabase, startTestPostgres, type TestPostgres } from './harness.js';

let pg: TestPostgres;
let shards: Shards;
let db: Sql;

before(async () => {
  pg = await startTestPostgres();
  shards = await openShards({ regions: {}, default: await newDatabase(pg) });
  db = shards.global;
});
after(async () => {
  await shards.close();
  await pg.stop();
});

describe('one statement for several pushes', () => {
  test('each push of a group gets its own accepted keys, and every row is stored once', async () => {
    const a = newClinic();
    const b = newClinic('south');
    const pushes = [
      pushOf(a, 'ba', [...encounters(a, 'e', 3), telemetryItem('t')]),
      pushOf(b, 'bb', [...encounters(b, 'e', 2), { key: 'bad', kind: 'encounter', body: {} }]),
    ];
    const [ra, rb] = await ingestPushes(db, pushes);
    assert.deepEqual(ra!.accepted.sort(), ['e-0', 'e-1', 'e-2', 't']);
    assert.deepEqual(rb!.accepted.sort(), ['e-0', 'e-1']);
    assert.deepEqual(
      rb!.rejected.map((r) => r.key),
      ['bad'],
    );
    assert.equal(await rowCount(db, 'encounters', a.clinicId), 3);
    assert.equal(await rowCount(db, 'encounters', b.clinicId), 2);
    assert.equal(await rowCount(db, 'telemetry_history', a.clinicId), 1);
    assert.equal(await rowCount(db, 'quarantine', b.clinicId), 1);
    const region = await db.query<{ region: string }>(
      'SELECT DISTINCT region FROM encounters WHERE clinic_id = $1',
      [b.clinicId],
    );
    assert.deepEqual(region.rows, [{ region: 'south' }]);
  });

  test('the same key in two pushes of one group is accepted for the first, a duplicate for the second', async () => {
    const a = newClinic();
    const first = pushOf(a, 'b1', encounters(a, 'same', 2));
    const retry = pushOf(a, 'b1', encounters(a, 'same', 2));
    const [r1, r2] = await ingestPushes(db, [first, retry]);
    assert.deepEqual(r1!.accepted.sort(), ['same-0', 'same-1']);
    assert.deepEqual(r2!.accepted, []);
    assert.deepEqual(r2!.duplicates.sort(), ['same-0', 'same-1']);
    assert.equal(await rowCount(db, 'encounters', a.clinicId), 2);
    assert.equal(await rowCount(db, 'ingest_keys', a.clinicId), 2);
  });

  test("a clinic's latest telemetry is the one from its later push in the group", async () => {
    const a = newClinic();
    await ingestPushes(db, [
      pushOf(a, 'b1', [telemetryItem('t1', 4)]),
      pushOf(a, 'b2', [telemetryItem('t2', 9)]),
    ]);
    const latest = await db.query<{ cases: number }>(
      `SELECT (body->>'casesToday')::int AS cases FROM telemetry_latest WHERE clinic_id = $1`,
      [a.clinicId],
    );
    assert.deepEqual(latest.rows, [{ cases: 9 }]);
    assert.equal(await rowCount(db, 'telemetry_history', a.clinicId), 2);
  });
});

describe('grouping under load', () => {
  test('pushes that arrive while the database is busy go into the next statement together', async () => {
    const gated = gatedSql(db);
    const sizes: number[] = [];
    const group = createGroupIngest(gated.sql, { inFlight: 1, onGroup: (n) => sizes.push(n) });
    const clinics = Array.from({ length: 6 }, () => newClinic());
    const pending = clinics.map((c) => group.ingest(pushOf(c, 'b', encounters(c, 'g', 5))));
    gated.open();
    const results = await Promise.all(pending);
    // The first finds the slot free and goes alone; the five behind it share one statement.
    assert.deepEqual(sizes, [1, 5]);
    assert.deepEqual(gated.statements, [5, 25]);
    for (const [i, result] of results.entries()) {
      assert.equal(result.accepted.length, 5);
      assert.equal(await rowCount(db, 'encounters', clinics[i]!.clinicId), 5);
    }
  });

  test('a group stays within its item limit and never splits a push', async () => {
    const gated = gatedSql(db);
    const sizes: number[] = [];
    const group = createGroupIngest(gated.sql, {
      inFlight: 1,
      maxItems: 12,
      onGroup: (n) => sizes.push(n),
    });
    const clinics = Array.from({ length: 5 }, () => newClinic());
    const pending = clinics.map((c) => group.ingest(pushOf(c, 'b', encounters(c, 'm', 5))));
    gated.open();
    await Promise.all(pending);
    // 5 alone, then 5 + 5 (10 <= 12; a third would make 15), then the last 5 + 5.
    assert.deepEqual(sizes, [1, 2, 2]);
    assert.deepEqual(gated.statements, [5, 10, 10]);
  });

  test('when a group statement fails, each push is retried alone and only the failing one errs', async () => {
    const doomed = newClinic();
    const failing: Sql = {
      async query(text, params) {
        if (
          text.includes('INSERT INTO ingest_keys') &&
          String(params![0]).includes(doomed.clinicId)
        )
          throw new Error('statement failed');
        return db.query(text, params);
      },
    };
    const gated = gatedSql(failing);
    const group = createGroupIngest(gated.sql, { inFlight: 1 });
    const first = newClinic();
    const others = [newClinic(), newClinic()];
    const pushes: SortedPush[] = [first, doomed, ...others].map((c) =>
      pushOf(c, 'b', encounters(c, 'f', 2)),
    );
    const pending = pushes.map((p) => group.ingest(p));
    gated.open();
    const settled = await Promise.allSettled(pending);
    assert.deepEqual(
      settled.map((s) => s.status),
      ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
    // The group of three failed once, then each of the three ran alone.
    assert.deepEqual(gated.statements, [2, 6, 2, 2, 2]);
    for (const c of [first, ...others])
      assert.equal(await rowCount(db, 'encounters', c.clinicId), 2);
    assert.equal(await rowCount(db, 'ingest_keys', doomed.clinicId), 0);
  });
});
