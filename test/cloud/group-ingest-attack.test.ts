/**
 * Review of group ingest: inputs and races that try to store an item twice, lose one, answer
 * a push wrongly, or let one clinic's push change another clinic's answer. Real PostgreSQL
 * (harness.ts); two pools on one database stand for two coordinator instances.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClinicIdentity } from '../../src/cloud/auth/access-token.js';
import { openShards, type Shards } from '../../src/cloud/db/shards.js';
import { openPgDatabase, type Database, type Sql } from '../../src/cloud/db/sql.js';
import { createGroupIngest } from '../../src/cloud/ingest/group-ingest.js';
import { ingestPushes } from '../../src/cloud/ingest/ingest.js';
import pgDriver from 'pg';
import { gzipSync } from 'node:zlib';
import { pushGzipped, registerTestClinic } from '../support/cloud-client.js';
import { encounterItem } from '../support/uploads.js';
import { newDatabase, startCoordinator, startTestPostgres, type TestPostgres } from './harness.js';
import { encounters, gatedSql, newClinic, pushOf, rowCount } from './ingest-helpers.js';

let pg: TestPostgres;
let shards: Shards;
let url: string;
let db: Sql;

before(async () => {
  pg = await startTestPostgres();
  url = await newDatabase(pg);
  shards = await openShards({ regions: {}, default: url });
  db = shards.global;
});
after(async () => {
  await shards.close();
  await pg.stop();
});

/** An encounter whose body has a string field replaced (zod accepts any text there). */
function encounterWith(clinic: ClinicIdentity, key: string, field: string, value: string) {
  const item = encounterItem(key, { region: clinic.region });
  (item.body as Record<string, unknown>)[field] = value;
  return item;
}

describe('text PostgreSQL cannot store in jsonb', () => {
  // JSON allows "\u0000" and lone surrogates; PostgreSQL's jsonb refuses both, so such an
  // item fails the statement of its whole push, again on every retry.
  for (const [name, value] of [
    ['a NUL character', 'imci\u00002014'],
    ['a lone surrogate', 'imci\ud8002014'],
  ] as const) {
    test(`an item with ${name} in its body is quarantined and the rest of its group stored`, async () => {
      const bad = newClinic();
      const other = newClinic();
      const results = await ingestPushes(db, [
        pushOf(bad, 'b', [...encounters(bad, 'ok', 2), encounterWith(bad, 'x', 'protocol', value)]),
        pushOf(other, 'b', encounters(other, 'ok', 2)),
      ]);
      assert.deepEqual(results[0]!.accepted.sort(), ['ok-0', 'ok-1']);
      assert.deepEqual(
        results[0]!.rejected.map((r) => r.key),
        ['x'],
      );
      assert.deepEqual(results[1]!.accepted.sort(), ['ok-0', 'ok-1']);
      assert.equal(await rowCount(db, 'encounters', bad.clinicId), 2);
      assert.equal(await rowCount(db, 'quarantine', bad.clinicId), 1);
    });
  }

  test('an item whose key holds a NUL is quarantined and answered with the key as sent', async () => {
    const clinic = newClinic();
    const [result] = await ingestPushes(db, [
      pushOf(clinic, 'b', [encounterItem('k\u0000', { region: clinic.region })]),
    ]);
    assert.deepEqual(
      result!.rejected.map((r) => r.key),
      ['k\u0000'],
    );
    assert.equal(await rowCount(db, 'quarantine', clinic.clinicId), 1);
    assert.equal(await rowCount(db, 'ingest_keys', clinic.clinicId), 0);
  });

  test('a batch id with a NUL or a lone surrogate does not fail its push or its group', async () => {
    const [a, b] = [newClinic(), newClinic()];
    const results = await ingestPushes(db, [
      pushOf(a, 'batch\u0000', encounters(a, 'e', 2)),
      pushOf(b, 'batch\ud800', encounters(b, 'e', 2)),
    ]);
    assert.deepEqual(
      results.map((r) => r.accepted.length),
      [2, 2],
    );
  });

  test('an item nested too deep to serialise is quarantined and the rest of its push stored', async () => {
    const clinic = newClinic();
    const item = encounterItem('deep', { region: clinic.region });
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i += 1) deep = [deep];
    (item.body as { fhir: Record<string, unknown> }).fhir.extra = deep;
    const [result] = await ingestPushes(db, [
      pushOf(clinic, 'b', [item, ...encounters(clinic, 'ok', 1)]),
    ]);
    assert.deepEqual(result!.accepted, ['ok-0']);
    assert.deepEqual(
      result!.rejected.map((r) => r.key),
      ['deep'],
    );
  });

  test("a refused region with a NUL in it leaves the other clinics' answers of its group unchanged", async () => {
    const gated = gatedSql(db, { firstOnly: true });
    const group = createGroupIngest(gated.sql, { inFlight: 1 });
    const [lead, bad, other] = [newClinic(), newClinic(), newClinic()];
    // The refusal reason quotes the region, so the NUL reaches the quarantine statement,
    // which runs after the group's insert committed.
    const pending = [
      group.ingest(pushOf(lead, 'b', encounters(lead, 'e', 1))),
      group.ingest(pushOf(bad, 'b', [encounterWith(bad, 'r', 'region', 'south\u0000')])),
      group.ingest(pushOf(other, 'b', encounters(other, 'e', 3))),
    ];
    gated.open();
    const settled = await Promise.allSettled(pending);
    const other3 = settled[2]!;
    assert.equal(other3.status, 'fulfilled');
    assert.deepEqual(other3.value.accepted.sort(), ['e-0', 'e-1', 'e-2']);
    const badAnswer = settled[1]!;
    assert.equal(badAnswer.status, 'fulfilled', 'the push with the bad item is answered');
    assert.deepEqual(
      badAnswer.value.rejected.map((r) => r.key),
      ['r'],
    );
  });
});

describe('tombstones in groups', () => {
  function tombstone(key: string, encounter: Record<string, unknown>) {
    const body = encounter.body as { resourceKey: string };
    return { key, kind: 'tombstone', body: { resourceKeys: [body.resourceKey] } };
  }

  for (const order of ['before', 'after'] as const) {
    test(`an encounter and its tombstone in two pushes of one group (tombstone ${order}) leave nothing stored`, async () => {
      const clinic = newClinic();
      const [enc] = encounters(clinic, 'gone', 1);
      const other = newClinic();
      const pushes = [
        pushOf(clinic, 'b-enc', [enc!]),
        pushOf(other, 'b', encounters(other, 'kept', 2)),
        pushOf(clinic, 'b-del', [tombstone('del', enc!)]),
      ];
      if (order === 'before') pushes.reverse();
      const results = await ingestPushes(db, pushes);
      for (const r of results) assert.deepEqual(r.rejected, []);
      assert.equal(await rowCount(db, 'encounters', clinic.clinicId), 0);
      assert.equal(await rowCount(db, 'encounters', other.clinicId), 2);
      assert.equal(await rowCount(db, 'ingest_keys', clinic.clinicId), 2);
    });
  }

  test('a batch with its encounter twice under one key and its tombstone stores nothing', async () => {
    const clinic = newClinic();
    const [enc] = encounters(clinic, 'dup', 1);
    const [r] = await ingestPushes(db, [pushOf(clinic, 'b', [enc!, enc!, tombstone('del', enc!)])]);
    assert.deepEqual(r!.accepted.sort(), ['del', 'dup-0']);
    assert.equal(await rowCount(db, 'encounters', clinic.clinicId), 0);
  });
});

describe('a lock cycle between a group and another session', () => {
  test(
    'the group chosen as deadlock victim is retried push by push: every push answered, each key stored once',
    { timeout: 20_000 },
    async (t) => {
      if (pg.kind !== 'postgres')
        return t.skip('needs a real PostgreSQL (lock waits and deadlocks)');
      // Ids chosen so x sorts before y: the group takes its key locks in (clinic, key) order.
      const [x, y, lead] = ['lock-a', 'lock-b', 'lock-c'].map((id) => ({
        clinicId: `${id}-${Date.now()}`,
        region: 'north',
      })) as [ClinicIdentity, ClinicIdentity, ClinicIdentity];
      const other = new pgDriver.Client({ connectionString: url });
      await other.connect();
      try {
        // The session that checks for a deadlock first is the one PostgreSQL fails: the
        // group's (1 s by default), not this one's.
        await other.query("SET deadlock_timeout = '5s'");
        await other.query('BEGIN');
        const hold = (clinicId: string, key: string) =>
          other.query(
            "INSERT INTO ingest_keys (clinic_id, key, kind, batch_id) VALUES ($1, $2, 'encounter', 'other')",
            [clinicId, key],
          );
        // The other session holds y's key; the group takes x's key, then waits for y's.
        await hold(y.clinicId, 'k-0');
        const gated = gatedSql(db, { firstOnly: true });
        const sizes: number[] = [];
        const group = createGroupIngest(gated.sql, { inFlight: 1, onGroup: (n) => sizes.push(n) });
        const pending = [
          group.ingest(pushOf(lead, 'b', encounters(lead, 'k', 1))),
          group.ingest(pushOf(x, 'b', encounters(x, 'k', 1))),
          group.ingest(pushOf(y, 'b', encounters(y, 'k', 1))),
        ];
        gated.open();
        await waitForLockWait(other);
        // Now the other session wants x's key: a cycle, which PostgreSQL breaks after
        // deadlock_timeout (1 s) by failing the session that has waited longest, the group.
        const started = Date.now();
        const second = hold(x.clinicId, 'k-0').then(
          () => 'held',
          () => 'victim',
        );
        assert.equal(await second, 'held', 'the group, waiting first, is the victim');
        // It waited for the group's key until the deadlock check failed the group.
        assert.ok(Date.now() - started >= 900, 'the cycle was broken by the deadlock check');
        await other.query('ROLLBACK');
        const results = await Promise.all(pending);
        assert.deepEqual(sizes, [1, 2]);
        for (const r of results) assert.deepEqual(r.accepted, ['k-0']);
        for (const c of [lead, x, y]) {
          assert.equal(await rowCount(db, 'encounters', c.clinicId), 1);
          assert.equal(await rowCount(db, 'ingest_keys', c.clinicId), 1);
        }
      } finally {
        await other.end();
      }
    },
  );
});

/** Until some other backend waits for a lock (the group blocked on the held key). */
async function waitForLockWait(session: pgDriver.Client): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const r = await session.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
    );
    if ((r.rows[0] as { n: number }).n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail('the group never waited for the held key');
}

describe('one clinic retrying through two instances on one database', () => {
  let second: Database;
  before(() => {
    second = openPgDatabase(url, 4);
  });
  after(async () => {
    await second.close();
  });

  test('a batch retried concurrently in groups on both instances is stored once and acknowledged once', async () => {
    const retried = newClinic();
    const batch = encounters(retried, 'r', 40);
    const a = createGroupIngest(db, { inFlight: 1 });
    const b = createGroupIngest(second, { inFlight: 1 });
    const others = Array.from({ length: 6 }, () => newClinic());
    // Each instance gets the retried batch amid other clinics' pushes, in opposite orders,
    // so the two groups hold the same keys and take their locks at the same time.
    const onA = others.slice(0, 3).map((c) => a.ingest(pushOf(c, 'b', encounters(c, 'o', 20))));
    const onB = others.slice(3).map((c) => b.ingest(pushOf(c, 'b', encounters(c, 'o', 20))));
    const [ra, rb] = await Promise.all([
      a.ingest(pushOf(retried, 'batch-1', batch)),
      b.ingest(pushOf(retried, 'batch-1', [...batch].reverse())),
      ...onA,
      ...onB,
    ]);
    const accepted = [...ra.accepted, ...rb.accepted];
    assert.equal(accepted.length, 40, 'every key accepted by exactly one instance');
    assert.equal(new Set(accepted).size, 40);
    assert.equal(ra.accepted.length + ra.duplicates.length, 40);
    assert.equal(rb.accepted.length + rb.duplicates.length, 40);
    assert.equal(await rowCount(db, 'encounters', retried.clinicId), 40);
    for (const c of others) assert.equal(await rowCount(db, 'encounters', c.clinicId), 20);
  });
});

describe('over HTTP', () => {
  test('a push with a NUL item and a deeply nested one is answered 200 with both quarantined', async () => {
    const cloud = await startCoordinator({ regions: {}, default: await newDatabase(pg) });
    try {
      const clinic = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
      const nul = encounterWith(clinic, 'nul', 'edition', '2014\u0000');
      const deep = encounterItem('deep', { region: 'north' });
      (deep.body as { fhir: Record<string, unknown> }).fhir.extra = 'DEEP';
      const ok = encounterItem('ok', { region: 'north' });
      // Written by hand: JSON.stringify cannot write what JSON.parse reads back this deep.
      const text = JSON.stringify({ batchId: 'b', items: [nul, deep, ok] }).replace(
        '"DEEP"',
        `${'['.repeat(20_000)}1${']'.repeat(20_000)}`,
      );
      const reply = await pushGzipped(cloud.base, clinic.token, gzipSync(text));
      assert.equal(reply.status, 200);
      const body = reply.body as { accepted: string[]; rejected: { key: string }[] };
      assert.deepEqual(body.accepted, ['ok']);
      assert.deepEqual(body.rejected.map((r) => r.key).sort(), ['deep', 'nul']);
    } finally {
      await cloud.close();
    }
  });
});
