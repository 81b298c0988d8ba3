import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../src/cloud/db/sql.js';
import { fetchToken, push, registerTestClinic } from '../support/cloud-client.js';
import { encounterItem } from '../support/uploads.js';
import { newDatabase, startCoordinator, startTestPostgres, type TestPostgres } from './harness.js';

let pg: TestPostgres;

before(async () => {
  pg = await startTestPostgres();
});
after(async () => {
  await pg.stop();
});

async function encounterCount(url: string, where = 'true'): Promise<number> {
  const db = await openDatabase(url);
  try {
    const result = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM encounters WHERE ${where}`,
    );
    return Number(result.rows[0]?.n);
  } finally {
    await db.close();
  }
}

test('two instances on one database behave as one: register on A, push on B, retry on A', async () => {
  const url = await newDatabase(pg);
  // Started together: the advisory lock lets one migrate while the other waits.
  const [a, b] = await Promise.all([
    startCoordinator({ regions: {}, default: url }),
    startCoordinator({ regions: {}, default: url }),
  ]);
  try {
    const clinic = await registerTestClinic(a.base, await a.enrol('north'), 'north');
    const items = [1, 2, 3].map((i) => encounterItem(`two-${i}`, { region: 'north' }));
    const onB = await push(b.base, clinic, 'batch-1', items);
    assert.equal((onB.body as { accepted: string[] }).accepted.length, 3);

    const tokenFromB = await fetchToken(b.base, clinic.clinicId, clinic.privateKey);
    const retryOnA = await push(a.base, { ...clinic, token: tokenFromB }, 'batch-1', items);
    assert.equal((retryOnA.body as { duplicates: string[] }).duplicates.length, 3);
    assert.equal(await encounterCount(url), 3);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('the region map sends each region to its own database', async () => {
  const [main, north, south] = await Promise.all([
    newDatabase(pg),
    newDatabase(pg),
    newDatabase(pg),
  ]);
  const cloud = await startCoordinator({ regions: { north, south }, default: main });
  try {
    const n = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
    const s = await registerTestClinic(cloud.base, await cloud.enrol('south'), 'south');
    const e = await registerTestClinic(cloud.base, await cloud.enrol('east'), 'east');
    await push(cloud.base, n, 'b', [
      encounterItem('n1', { region: 'north' }),
      encounterItem('n2', { region: 'north' }),
    ]);
    await push(cloud.base, s, 'b', [encounterItem('s1', { region: 'south' })]);
    await push(cloud.base, e, 'b', [encounterItem('e1', { region: 'east' })]);

    assert.equal(await encounterCount(north, "region = 'north'"), 2);
    assert.equal(await encounterCount(north), 2);
    assert.equal(await encounterCount(south), 1);
    // Unmapped regions, like the identity tables, live in the default database.
    assert.equal(await encounterCount(main), 1);
    assert.equal(await encounterCount(main, "region = 'east'"), 1);
  } finally {
    await cloud.close();
  }
});
