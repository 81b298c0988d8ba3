import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createEnrolmentToken } from '../../src/cloud/auth/enrolment.js';
import { openPgDatabase, type Database } from '../../src/cloud/db/sql.js';
import { push, registerTestClinic, type TestClinic } from '../support/cloud-client.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { encounterItem } from '../support/uploads.js';
import { ROOT, serveCoordinator } from '../support/cloud-process.js';

const BUILT = existsSync(`${ROOT}dist/cli/main.js`) || existsSync(`${ROOT}dist/bin/main.js`);

let pg: TestPostgres;
let url: string;
let db: Database;

const serve = () => serveCoordinator({ databaseUrl: url });

before(async () => {
  if (!BUILT) return;
  pg = await startTestPostgres();
  if (pg.kind !== 'postgres') return;
  url = await pg.createDatabase('killtest');
  db = openPgDatabase(url, 2);
});
after(async () => {
  if (!BUILT) return;
  await db?.close();
  await pg.stop();
});

type Batch = { id: string; items: Record<string, unknown>[] };

/** Pushes batches one after another until one fails; the acknowledged and the unsure ones. */
async function pushUntilFailure(base: string, clinic: TestClinic, lane: number) {
  const acked: Batch[] = [];
  for (let j = 0; ; j++) {
    const batch = {
      id: `lane${lane}-b${j}`,
      items: Array.from({ length: 10 }, (_, i) =>
        encounterItem(`k-${lane}-${j}-${i}`, { region: 'north' }),
      ),
    };
    try {
      const reply = await push(base, clinic, batch.id, batch.items);
      if (reply.status !== 200) throw new Error(`push ${reply.status}`);
      acked.push(batch);
    } catch {
      return { acked, unsure: batch };
    }
  }
}

test(
  'kill -9 of the coordinator mid-push: after a restart and retries every acknowledged item is stored exactly once',
  {
    skip: !BUILT ? 'dist/ not built: run npm run build' : false,
    timeout: 30_000,
  },
  async (t) => {
    if (pg.kind !== 'postgres')
      return t.skip('needs a real PostgreSQL (kill -9 of an embedded PGlite is not this test)');
    const first = await serve();
    const { token } = await createEnrolmentToken(db, 'north');
    const clinic = await registerTestClinic(first.base, token, 'north');

    const lanes = [0, 1, 2, 3].map((lane) => pushUntilFailure(first.base, clinic, lane));
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.child.kill('SIGKILL');
    const results = await Promise.all(lanes);

    const second = await serve();
    try {
      // The token from the killed instance still works: the signing key lives in PostgreSQL.
      for (const { unsure } of results) {
        const retry = await push(second.base, clinic, unsure.id, unsure.items);
        assert.equal(retry.status, 200);
      }
      const sent = results
        .flatMap((r) => [...r.acked, r.unsure])
        .flatMap((b) => b.items.map((i) => String(i.key)));
      const acked = results.flatMap((r) => r.acked).length;
      assert.ok(acked > 0, 'some batches were acknowledged before the kill');

      const rows = await db.query<{ key: string; n: string }>(
        "SELECT key, count(*) AS n FROM encounters WHERE key LIKE 'k-%' GROUP BY key",
      );
      const counts = new Map(rows.rows.map((r) => [r.key, Number(r.n)]));
      assert.equal(counts.size, sent.length);
      for (const key of sent) assert.equal(counts.get(key), 1, `key ${key} stored once`);
    } finally {
      second.child.kill('SIGTERM');
    }
  },
);
