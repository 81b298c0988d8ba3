/**
 * Review of group ingest under kill -9: many clinics pushing at once, so the coordinator's
 * statements carry several clinics each, and the process is killed while groups are in
 * flight. After a restart and the clinics' retries, every acknowledged item is stored exactly
 * once and every retried one too. Pattern of kill.test.ts (the built CLI, a real PostgreSQL).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createEnrolmentToken } from '../../src/cloud/auth/enrolment.js';
import { openPgDatabase, type Database } from '../../src/cloud/db/sql.js';
import { push, registerTestClinic, type TestClinic } from '../support/cloud-client.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { encounterItem } from '../support/uploads.js';
import { ROOT, serveCoordinator } from '../support/cloud-process.js';

const BUILT = existsSync(`${ROOT}dist/bin/main.js`) || existsSync(`${ROOT}dist/cli/main.js`);

let pg: TestPostgres;
let url: string;
let db: Database;

const serve = () => serveCoordinator({ databaseUrl: url });

before(async () => {
  if (!BUILT) return;
  pg = await startTestPostgres();
  if (pg.kind !== 'postgres') return;
  url = await pg.createDatabase('killgroups');
  db = openPgDatabase(url, 2);
});
after(async () => {
  if (!BUILT) return;
  await db?.close();
  await pg.stop();
});

/** Pushes per ingest statement so far, from the coordinator's metrics. */
async function pushesPerStatement(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^medassist_ingest_group_pushes_${name} (\\S+)$`, 'm').exec(text)?.[1]);
  return value('sum') / value('count');
}

type Batch = { id: string; items: Record<string, unknown>[] };

async function pushUntilFailure(base: string, clinic: TestClinic, lane: string) {
  const acked: Batch[] = [];
  for (let j = 0; ; j++) {
    // Sizes 1 to 40, so groups mix small and large pushes.
    const size = 1 + ((j * 13) % 40);
    const batch = {
      id: `${lane}-b${j}`,
      items: Array.from({ length: size }, (_, i) =>
        encounterItem(`g-${lane}-${j}-${i}`, { region: 'north' }),
      ),
    };
    try {
      const reply = await push(base, clinic, batch.id, batch.items);
      if (reply.status !== 200) throw new Error(`push ${reply.status}`);
      acked.push(batch);
    } catch {
      return { clinic, acked, unsure: batch };
    }
  }
}

test(
  'kill -9 while groups of several clinics are in flight: every acknowledged and retried item is stored once',
  { skip: !BUILT ? 'dist/ not built: run npm run build' : false, timeout: 30_000 },
  async (t) => {
    if (pg.kind !== 'postgres') return t.skip('needs a real PostgreSQL');
    const first = await serve();
    const clinics: TestClinic[] = [];
    for (let i = 0; i < 8; i += 1) {
      const { token } = await createEnrolmentToken(db, 'north');
      clinics.push(await registerTestClinic(first.base, token, 'north'));
    }
    const lanes = clinics.flatMap((c, i) =>
      [0, 1].map((l) => pushUntilFailure(first.base, c, `c${i}l${l}`)),
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    const grouped = await pushesPerStatement(first.base);
    first.child.kill('SIGKILL');
    const results = await Promise.all(lanes);

    const second = await serve();
    try {
      for (const { clinic, unsure } of results) {
        const retry = await push(second.base, clinic, unsure.id, unsure.items);
        assert.equal(retry.status, 200);
      }
      assert.ok(grouped > 1.2, `statements carried several pushes [${grouped}]`);
      const acked = results.flatMap((r) => r.acked);
      assert.ok(acked.length > clinics.length, 'batches were acknowledged before the kill');
      const sent = results
        .flatMap((r) => [...r.acked, r.unsure])
        .flatMap((b) => b.items.map((i) => String(i.key)));
      const rows = await db.query<{ key: string; n: string }>(
        "SELECT key, count(*) AS n FROM encounters WHERE key LIKE 'g-%' GROUP BY key",
      );
      const counts = new Map(rows.rows.map((r) => [r.key, Number(r.n)]));
      assert.equal(counts.size, sent.length);
      for (const key of sent) assert.equal(counts.get(key), 1, `key ${key} stored once`);
    } finally {
      second.child.kill('SIGTERM');
    }
  },
);
