import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createFailureLimiter,
  removeOperator,
  setOperator,
  verifyOperator,
} from '../../src/cloud/auth/operators.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from './harness.js';

let pg: TestPostgres;
let cloud: TestCoordinator;

before(async () => {
  pg = await startTestPostgres();
  cloud = await startCoordinator({ regions: {}, default: await newDatabase(pg) });
});
after(async () => {
  await cloud.close();
  await pg.stop();
});

const PASSWORD = 'correct horse battery';

function basic(name: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` };
}

async function dashboard(headers: Record<string, string> = {}) {
  const res = await fetch(`${cloud.base}/dashboard`, { headers });
  return {
    status: res.status,
    challenge: res.headers.get('www-authenticate'),
    text: await res.text(),
  };
}

describe('dashboard sign-in', () => {
  test('with no operator account yet the dashboard shows only how to make one', async () => {
    const reply = await dashboard(basic('anyone', PASSWORD));
    assert.equal(reply.status, 403);
    assert.match(reply.text, /medassist cloud operator add NAME/);
    assert.doesNotMatch(reply.text, /Clinics by region/);
  });

  test('an operator signs in; no credentials, a wrong password or an unknown name get the challenge', async () => {
    await setOperator(cloud.shards.global, 'amina', PASSWORD);
    const signedIn = await dashboard(basic('amina', PASSWORD));
    assert.equal(signedIn.status, 200);
    assert.match(signedIn.text, /Clinics by region/);
    for (const headers of [
      {},
      basic('amina', 'correct horse battery!'),
      basic('nobody', PASSWORD),
    ]) {
      const refused = await dashboard(headers);
      assert.equal(refused.status, 401);
      assert.match(refused.challenge ?? '', /^Basic realm="MedAssist dashboard"/);
      assert.doesNotMatch(refused.text, /Clinics by region/);
    }
  });

  test('a new password replaces the old one and a removed operator is refused', async () => {
    await setOperator(cloud.shards.global, 'baraka', PASSWORD);
    await setOperator(cloud.shards.global, 'baraka', 'a second long password');
    assert.equal(await verifyOperator(cloud.shards.global, 'baraka', PASSWORD), false);
    assert.equal(
      await verifyOperator(cloud.shards.global, 'baraka', 'a second long password'),
      true,
    );
    assert.equal(await removeOperator(cloud.shards.global, 'baraka'), true);
    assert.equal(await removeOperator(cloud.shards.global, 'baraka'), false);
    assert.equal((await dashboard(basic('baraka', 'a second long password'))).status, 401);
  });

  test('names and passwords are checked, naming the field and never echoing the password', async () => {
    await assert.rejects(
      setOperator(cloud.shards.global, 'Amina Juma', PASSWORD),
      /name: .*\[Amina Juma\]/,
    );
    await assert.rejects(
      setOperator(cloud.shards.global, 'amina', 'short pass1'),
      (error: Error) => {
        assert.match(error.message, /password: at least 12 characters/);
        assert.doesNotMatch(error.message, /short pass1/);
        return true;
      },
    );
  });
});

describe('failed sign-in limit', () => {
  test('an address is refused after 5 failures within a minute, and again allowed after it', () => {
    let now = 0;
    const limiter = createFailureLimiter(() => now);
    for (let i = 0; i < 4; i++) limiter.fail('10.0.0.1');
    assert.equal(limiter.blocked('10.0.0.1'), false);
    limiter.fail('10.0.0.1');
    assert.equal(limiter.blocked('10.0.0.1'), true);
    assert.equal(limiter.blocked('10.0.0.2'), false);
    now = 59_999;
    assert.equal(limiter.blocked('10.0.0.1'), true);
    now = 60_000;
    assert.equal(limiter.blocked('10.0.0.1'), false);
  });

  test('a success clears the count of its address', () => {
    const limiter = createFailureLimiter(() => 0);
    for (let i = 0; i < 4; i++) limiter.fail('10.0.0.3');
    limiter.succeed('10.0.0.3');
    limiter.fail('10.0.0.3');
    assert.equal(limiter.blocked('10.0.0.3'), false);
  });

  test('the dashboard answers 429 to an address past the limit, even with the right password', async () => {
    await setOperator(cloud.shards.global, 'chausiku', PASSWORD);
    // A success clears what the tests before left on this address (127.0.0.1).
    assert.equal((await dashboard(basic('chausiku', PASSWORD))).status, 200);
    for (let i = 0; i < 5; i++)
      assert.equal((await dashboard(basic('chausiku', 'wrong password 1'))).status, 401);
    assert.equal((await dashboard(basic('chausiku', PASSWORD))).status, 429);
  });
});
