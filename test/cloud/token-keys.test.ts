/**
 * Token signing keys at rest and their rotation, on a real PostgreSQL: sealed rows that sign
 * nothing without the secret, refused wrong secrets, the clear key of an older database
 * wrapped, and a rotation or retirement made on one instance honoured by another.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { AUDIENCE, ISSUER, verifyAccessToken } from '../../src/cloud/auth/access-token.js';
import { openPrivateKey, parseCloudSecret } from '../../src/cloud/auth/cloud-secret.js';
import { openKeyring } from '../../src/cloud/auth/keyring.js';
import { rotateTokenKey } from '../../src/cloud/auth/rotate-token-key.js';
import { migrate } from '../../src/cloud/db/migrate.js';
import { MIGRATIONS } from '../../src/cloud/db/migrations.js';
import { openDatabase, type Sql } from '../../src/cloud/db/sql.js';
import { fetchToken, push, registerTestClinic, type TestClinic } from '../support/cloud-client.js';
import { telemetryItem } from '../support/uploads.js';
import { newDatabase, startCoordinator, startTestPostgres, type TestPostgres } from './harness.js';

let pg: TestPostgres;
before(async () => {
  pg = await startTestPostgres();
});
after(async () => {
  await pg.stop();
});

const newSecret = () => parseCloudSecret(Buffer.from(randomBytes(32).toString('base64')), 'test');
const only = (url: string) => ({ regions: {}, default: url });

interface Row {
  id: string;
  private_jwk: Record<string, unknown> | null;
  private_sealed: string | null;
  public_jwk: Record<string, unknown>;
}

async function keyRows(url: string): Promise<Row[]> {
  const db = await openDatabase(url);
  try {
    const found = await db.query<Row>('SELECT * FROM signing_keys ORDER BY created_at');
    return found.rows;
  } finally {
    await db.close();
  }
}

function kidOf(token: string): unknown {
  return (
    JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >
  ).kid;
}

function tokenFor(clinic: TestClinic, kid: string, privateKey: KeyObject): Promise<string> {
  return new SignJWT({ region: clinic.region })
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setSubject(clinic.clinicId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(privateKey);
}

const pushWith = (base: string, clinic: TestClinic, token: string, n: string) =>
  push(base, { ...clinic, token }, `b-${n}`, [telemetryItem(`t-${n}`)]);

/** Polls `check` every 50 ms until it is true or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms = 4000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

test('with a secret the stored row holds no usable private key, yet tokens verify', async () => {
  const url = await newDatabase(pg);
  const secret = newSecret();
  const cloud = await startCoordinator(only(url), { secret });
  try {
    const clinic = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
    assert.equal((await pushWith(cloud.base, clinic, clinic.token, '1')).status, 200);

    const [row] = await keyRows(url);
    assert.ok(row);
    assert.equal(row.private_jwk, null);
    assert.doesNotMatch(JSON.stringify(row), /"d"/);
    const [, , body] = (row.private_sealed ?? '').split('.');
    const der = Buffer.from(body ?? '', 'base64url');
    assert.throws(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    assert.throws(() => createPrivateKey({ key: row.public_jwk as never, format: 'jwk' }));
    // With the secret the same row opens to the key that signs (the test above can fail).
    const opened = createPrivateKey({
      key: openPrivateKey(secret, row.id, row.private_sealed ?? ''),
      format: 'der',
      type: 'pkcs8',
    });
    assert.equal(opened.export({ format: 'jwk' }).x, row.public_jwk.x);
    assert.equal(kidOf(clinic.token), row.id);
  } finally {
    await cloud.close();
  }
});

test('a wrong or missing secret is a startup error naming the key, and no key is added', async () => {
  const url = await newDatabase(pg);
  const first = await startCoordinator(only(url), { secret: newSecret() });
  await first.close();
  const [row] = await keyRows(url);

  const wrong = startCoordinator(only(url), { secret: newSecret() });
  await assert.rejects(wrong, (error: Error & { code?: string }) => {
    assert.equal(error.code, 'SIGNING_KEY_SECRET_WRONG');
    assert.match(error.message, /access-1/);
    for (const part of (row?.private_sealed ?? 'x').split('.').slice(1))
      assert.ok(!error.message.includes(part));
    return true;
  });
  await assert.rejects(startCoordinator(only(url)), { code: 'SIGNING_KEY_SECRET_MISSING' });
  assert.equal((await keyRows(url)).length, 1);
});

test('the clear key of an older database is wrapped on the first start with a secret', async () => {
  const url = await newDatabase(pg);
  const db = await openDatabase(url);
  const old = generateKeyPairSync('ed25519');
  try {
    // The schema and the row as the coordinator before migration 005 left them.
    const upTo = MIGRATIONS.findIndex((m) => m.id === '004-operators') + 1;
    await migrate(db, MIGRATIONS.slice(0, upTo));
    await db.query('INSERT INTO signing_keys (id, private_jwk, public_jwk) VALUES ($1, $2, $3)', [
      'access-1',
      old.privateKey.export({ format: 'jwk' }),
      old.publicKey.export({ format: 'jwk' }),
    ]);
  } finally {
    await db.close();
  }
  const cloud = await startCoordinator(only(url), { secret: newSecret() });
  try {
    const rows = await keyRows(url);
    assert.deepEqual(
      rows.map((r) => [r.id, r.private_jwk, /^v1\./.test(r.private_sealed ?? '')]),
      [['access-1', null, true]],
    );
    // Still the same key: a token signed with the old private key is accepted.
    const clinic = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
    const token = await tokenFor(clinic, 'access-1', old.privateKey);
    assert.equal((await pushWith(cloud.base, clinic, token, 'old')).status, 200);
  } finally {
    await cloud.close();
  }
});

function captureLog(lines: string[]) {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { level: 'warn', stream };
}

test('a coordinator without a secret warns once that the keys are in the clear', async () => {
  const url = await newDatabase(pg);
  const clear: string[] = [];
  const wrapped: string[] = [];
  const a = await startCoordinator(only(url), { logger: captureLog(clear) });
  await a.close();
  const b = await startCoordinator(only(await newDatabase(pg)), {
    secret: newSecret(),
    logger: captureLog(wrapped),
  });
  await b.close();
  assert.equal(clear.filter((l) => /stored in the clear/.test(l)).length, 1);
  assert.equal(wrapped.filter((l) => /stored in the clear/.test(l)).length, 0);
  assert.ok((await keyRows(url))[0]?.private_jwk);
});

test('after a rotation on A, A signs with the new key and B verifies it at once', async () => {
  const url = await newDatabase(pg);
  const secret = newSecret();
  const a = await startCoordinator(only(url), { secret, keyRefreshMs: 100 });
  // B would not reload on its own for a minute: only the unknown kid makes it look.
  const b = await startCoordinator(only(url), { secret, keyRefreshMs: 60_000 });
  try {
    const clinic = await registerTestClinic(a.base, await a.enrol('north'), 'north');
    const rotation = await rotateTokenKey(a.shards.global, secret);
    assert.deepEqual(
      rotation.retiring.map((r) => r.kid),
      ['access-1'],
    );

    let fresh = '';
    const switched = await eventually(async () => {
      fresh = await fetchToken(a.base, clinic.clinicId, clinic.privateKey);
      return kidOf(fresh) === rotation.kid;
    });
    assert.ok(switched, 'A signs with the new key within seconds');
    assert.equal((await pushWith(b.base, clinic, fresh, 'new-on-b')).status, 200);
    // The old key is retiring, not retired: its live tokens still work on both.
    assert.equal((await pushWith(b.base, clinic, clinic.token, 'old-on-b')).status, 200);
    assert.equal((await pushWith(a.base, clinic, clinic.token, 'old-on-a')).status, 200);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('a key retired on rotation stops verifying on both instances within seconds', async () => {
  const url = await newDatabase(pg);
  const secret = newSecret();
  const [a, b] = await Promise.all([
    startCoordinator(only(url), { secret, keyRefreshMs: 100 }),
    startCoordinator(only(url), { secret, keyRefreshMs: 100 }),
  ]);
  try {
    const clinic = await registerTestClinic(a.base, await a.enrol('north'), 'north');
    // Both instances have the old token verified and cached before the retirement.
    assert.equal((await pushWith(a.base, clinic, clinic.token, 'a0')).status, 200);
    assert.equal((await pushWith(b.base, clinic, clinic.token, 'b0')).status, 200);

    await rotateTokenKey(a.shards.global, secret, 0);
    let n = 0;
    const refusedOn = (base: string) =>
      eventually(
        async () => (await pushWith(base, clinic, clinic.token, `r${++n}`)).status === 401,
      );
    assert.ok(await refusedOn(a.base), 'A refuses the retired key');
    assert.ok(await refusedOn(b.base), 'B refuses the retired key');

    const fresh = await fetchToken(b.base, clinic.clinicId, clinic.privateKey);
    assert.notEqual(kidOf(fresh), 'access-1');
    assert.equal((await pushWith(a.base, clinic, fresh, 'fresh')).status, 200);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

/** The keyring's database with its key list loads counted. */
function counting(sql: Sql) {
  const counter = { loads: 0 };
  const wrapped: Sql = {
    query: (text, params) => {
      if (/FROM signing_keys ORDER BY/.test(text)) counter.loads += 1;
      return sql.query(text, params);
    },
  };
  return { sql: wrapped, counter };
}

test('forged kids are refused, and a flood of them reloads the key list once', async () => {
  const url = await newDatabase(pg);
  const secret = newSecret();
  const cloud = await startCoordinator(only(url), { secret, keyRefreshMs: 60_000 });
  const { sql, counter } = counting(cloud.shards.global);
  const keys = await openKeyring(sql, { secret, refreshMs: 60_000 });
  try {
    const clinic = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
    const attacker = generateKeyPairSync('ed25519').privateKey;
    const forgedKid = await tokenFor(clinic, 'access-forged', attacker);
    const realKid = await tokenFor(clinic, 'access-1', attacker);
    assert.equal((await pushWith(cloud.base, clinic, forgedKid, 'f1')).status, 401);
    assert.equal((await pushWith(cloud.base, clinic, realKid, 'f2')).status, 401);

    const atStart = counter.loads;
    for (let i = 0; i < 20; i++) {
      const token = await tokenFor(clinic, `access-forged-${i}`, attacker);
      await assert.rejects(verifyAccessToken(keys, token), /unknown or retired key/);
    }
    assert.equal(counter.loads - atStart, 1);
    // The genuine token still verifies with no reload.
    assert.equal((await verifyAccessToken(keys, clinic.token)).clinicId, clinic.clinicId);
    assert.equal(counter.loads - atStart, 1);
  } finally {
    keys.close();
    await cloud.close();
  }
});

test('rotation with the wrong secret writes nothing', async () => {
  const url = await newDatabase(pg);
  const cloud = await startCoordinator(only(url), { secret: newSecret() });
  try {
    await assert.rejects(rotateTokenKey(cloud.shards.global, newSecret()), {
      code: 'SIGNING_KEY_SECRET_WRONG',
    });
    await assert.rejects(rotateTokenKey(cloud.shards.global, null), {
      code: 'SIGNING_KEY_SECRET_MISSING',
    });
    assert.equal((await keyRows(url)).length, 1);
  } finally {
    await cloud.close();
  }
});
