import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import { AUDIENCE, ISSUER } from '../../src/cloud/auth/access-token.js';
import { insertAlert } from '../../src/cloud/alerts/alert-store.js';
import { revokeClinic } from '../../src/cloud/auth/enrolment.js';
import { setOperator } from '../../src/cloud/auth/operators.js';
import {
  post,
  push,
  registerTestClinic,
  tokenRequest,
  type TestClinic,
} from '../support/cloud-client.js';
import { encounterItem, sampleBundle, telemetryItem } from '../support/uploads.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from './harness.js';

let pg: TestPostgres;
let cloud: TestCoordinator;
let clinic: TestClinic;

before(async () => {
  pg = await startTestPostgres();
  cloud = await startCoordinator({ regions: {}, default: await newDatabase(pg) });
  clinic = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
});
after(async () => {
  await cloud.close();
  await pg.stop();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const result = await cloud.shards.global.query<{ n: string }>(sql, params);
  return Number(result.rows[0]?.n);
}

describe('registration and tokens', () => {
  test('an enrolment token registers one clinic only', async () => {
    const token = await cloud.enrol('north');
    await registerTestClinic(cloud.base, token, 'north');
    await assert.rejects(registerTestClinic(cloud.base, token, 'north'), /register 401/);
  });

  test('an enrolment token for another region or past its expiry is refused', async () => {
    await assert.rejects(
      registerTestClinic(cloud.base, await cloud.enrol('north'), 'south'),
      /register 401/,
    );
    await assert.rejects(
      registerTestClinic(cloud.base, await cloud.enrol('north', -1000), 'north'),
      /register 401/,
    );
  });

  test('a stale proof, a replayed nonce and a wrong key are refused at /v1/token', async () => {
    const stale = await post(
      cloud.base,
      '/v1/token',
      tokenRequest(clinic.clinicId, clinic.privateKey, Date.now() - 6 * 60_000),
    );
    assert.equal(stale.status, 401);
    const proof = tokenRequest(clinic.clinicId, clinic.privateKey);
    assert.equal((await post(cloud.base, '/v1/token', proof)).status, 200);
    assert.equal((await post(cloud.base, '/v1/token', proof)).status, 401);
    const other = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
    const forged = await post(
      cloud.base,
      '/v1/token',
      tokenRequest(clinic.clinicId, other.privateKey),
    );
    assert.equal(forged.status, 401);
  });

  test('an expired access token is refused at push', async () => {
    const key = cloud.app.coordinator.keys.signingKey();
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ region: 'north' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setSubject(clinic.clinicId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now - 700)
      .setExpirationTime(now - 100)
      .sign(key.privateKey);
    const reply = await push(cloud.base, { ...clinic, token: expired }, 'b-exp', [
      telemetryItem('t-exp'),
    ]);
    assert.equal(reply.status, 401);
    assert.match(JSON.stringify(reply.body), /expired/);
  });

  test('a revoked clinic gets no token and its live token is refused at push', async () => {
    const victim = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
    assert.equal((await push(cloud.base, victim, 'b1', [telemetryItem('t1')])).status, 200);
    assert.equal(await revokeClinic(cloud.shards.global, victim.clinicId), true);
    assert.equal((await push(cloud.base, victim, 'b2', [telemetryItem('t2')])).status, 403);
    const proof = await post(
      cloud.base,
      '/v1/token',
      tokenRequest(victim.clinicId, victim.privateKey),
    );
    assert.equal(proof.status, 403);
  });
});

describe('push', () => {
  test('a retried batch is stored once and the retry reports duplicates', async () => {
    const items = [1, 2, 3, 4, 5].map((i) => encounterItem(`idem-${i}`, { region: 'north' }));
    const first = await push(cloud.base, clinic, 'b-idem', items);
    assert.deepEqual((first.body as { accepted: string[] }).accepted.length, 5);
    const retry = await push(cloud.base, clinic, 'b-idem', items);
    assert.deepEqual(retry.body, {
      accepted: [],
      duplicates: items.map((i) => i.key).sort(),
      rejected: [],
    });
    assert.equal(await count("SELECT count(*) AS n FROM encounters WHERE key LIKE 'idem-%'"), 5);
  });

  test('one bad item is quarantined with its reason and the others are stored', async () => {
    const patient = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient', birthDate: '2024-03-05' } }],
    };
    const items = [
      encounterItem('q-1', { region: 'north' }),
      encounterItem('q-bad', { region: 'north', fhir: patient }),
      encounterItem('q-3', { region: 'north' }),
    ];
    const reply = await push(cloud.base, clinic, 'b-q', items);
    const body = reply.body as { accepted: string[]; rejected: { key: string; reason: string }[] };
    assert.deepEqual(body.accepted, ['q-1', 'q-3']);
    assert.equal(body.rejected[0]?.key, 'q-bad');
    assert.match(body.rejected[0]?.reason ?? '', /Patient/);
    const stored = await cloud.shards.global.query<Record<string, unknown>>(
      "SELECT * FROM quarantine WHERE key = 'q-bad'",
    );
    assert.equal(stored.rows.length, 1);
    assert.doesNotMatch(JSON.stringify(stored.rows), /2024-03-05/);
  });

  test('an encounter of another region than the clinic is refused', async () => {
    const reply = await push(cloud.base, clinic, 'b-r', [
      encounterItem('r-1', { region: 'south' }),
    ]);
    assert.match(JSON.stringify(reply.body), /region/);
    assert.equal(await count("SELECT count(*) AS n FROM encounters WHERE key = 'r-1'"), 0);
  });

  test('a tombstone deletes the encounters and keeps a late copy out', async () => {
    const item = encounterItem('tomb-1', { region: 'north' });
    await push(cloud.base, clinic, 'b-t1', [item]);
    const key = (item.body as { resourceKey: string }).resourceKey;
    const tomb = { key: 'tomb-del', kind: 'tombstone', body: { resourceKeys: [key] } };
    assert.equal((await push(cloud.base, clinic, 'b-t2', [tomb])).status, 200);
    assert.equal(
      await count('SELECT count(*) AS n FROM encounters WHERE resource_key = $1', [key]),
      0,
    );
    await push(cloud.base, clinic, 'b-t3', [{ ...item, key: 'tomb-1-again' }]);
    assert.equal(
      await count('SELECT count(*) AS n FROM encounters WHERE resource_key = $1', [key]),
      0,
    );
  });

  test('telemetry keeps the latest per clinic and the history', async () => {
    await push(cloud.base, clinic, 'b-tel', [telemetryItem('tel-1', 1), telemetryItem('tel-2', 7)]);
    const latest = await cloud.shards.global.query<{ body: { casesToday: number } }>(
      'SELECT body FROM telemetry_latest WHERE clinic_id = $1',
      [clinic.clinicId],
    );
    assert.equal(latest.rows[0]?.body.casesToday, 7);
    assert.equal(
      await count('SELECT count(*) AS n FROM telemetry_history WHERE clinic_id = $1', [
        clinic.clinicId,
      ]),
      2,
    );
  });
});

describe('push bodies', () => {
  const send = (body: Buffer | string, encoding?: string) =>
    fetch(`${cloud.base}/v1/sync/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${clinic.token}`,
        ...(encoding ? { 'content-encoding': encoding } : {}),
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });

  test('a plain JSON body is accepted as well as gzip', async () => {
    const reply = await send(
      JSON.stringify({ batchId: 'plain', items: [telemetryItem('plain-1')] }),
    );
    assert.equal(reply.status, 200);
  });

  test('a gzip bomb is refused with 413 and an unknown encoding with 415', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    assert.equal((await send(bomb, 'gzip')).status, 413);
    assert.equal((await send('{}', 'br')).status, 415);
    assert.equal((await send(Buffer.from('not gzip'), 'gzip')).status, 400);
  });

  test('without a token a push is refused with 401 before its body is inflated or parsed', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    for (const body of [bomb, Buffer.from('not gzip')]) {
      const reply = await fetch(`${cloud.base}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: new Uint8Array(body),
      });
      assert.equal(reply.status, 401);
      assert.equal(((await reply.json()) as { error: string }).error, 'ACCESS_TOKEN_INVALID');
    }
  });
});

describe('alerts', () => {
  test('an idle poll with the last ETag gets 304 and a new alert gets through', async () => {
    const first = await fetch(`${cloud.base}/v1/alerts?region=west`);
    const etag = first.headers.get('etag') ?? '';
    const idle = await fetch(`${cloud.base}/v1/alerts?region=west`, {
      headers: { 'if-none-match': etag },
    });
    assert.equal(idle.status, 304);
    const id = await insertAlert(cloud.shards.global, {
      region: 'west',
      severity: 'info',
      title: 'Stock check',
      body: '',
    });
    cloud.app.coordinator.latest.bump('west', Number(id));
    const fresh = await fetch(`${cloud.base}/v1/alerts?region=west`, {
      headers: { 'if-none-match': etag },
    });
    assert.equal(fresh.status, 200);
    const body = (await fresh.json()) as { alerts: { title: string }[]; cursor: string };
    assert.deepEqual(
      body.alerts.map((a) => a.title),
      ['Stock check'],
    );
    assert.equal(body.cursor, id);
  });

  test('six dysentery cases in a week with none before raise one outbreak alert', async () => {
    const items = [1, 2, 3, 4, 5, 6].map((i) =>
      encounterItem(`ob-${i}`, {
        region: 'north',
        week: '2026-W40',
        codes: ['diarrhoea.dysentery'],
        fhir: sampleBundle(['diarrhoea.dysentery']),
      }),
    );
    await push(cloud.base, clinic, 'b-ob', items);
    await cloud.app.coordinator.flushOutbreaks();
    await push(cloud.base, clinic, 'b-ob2', [
      encounterItem('ob-7', { region: 'north', week: '2026-W40', codes: ['diarrhoea.dysentery'] }),
    ]);
    await cloud.app.coordinator.flushOutbreaks();
    const reply = await fetch(`${cloud.base}/v1/alerts?region=north`);
    const body = (await reply.json()) as { alerts: { title: string }[] };
    assert.deepEqual(
      body.alerts.map((a) => a.title),
      ['Possible outbreak: DYSENTERY, north, 2026-W40'],
    );
  });
});

describe('operations', () => {
  const operator = {
    authorization: `Basic ${Buffer.from('ops:a long operator password').toString('base64')}`,
  };
  before(() => setOperator(cloud.shards.global, 'ops', 'a long operator password'));

  test('the dashboard escapes what it shows', async () => {
    await insertAlert(cloud.shards.global, {
      region: 'west',
      severity: 'info',
      title: '<b>x</b>',
      body: '',
    });
    const html = await (await fetch(`${cloud.base}/dashboard`, { headers: operator })).text();
    assert.match(html, /&#60;b&#62;x&#60;\/b&#62;/);
    assert.doesNotMatch(html, /<b>x<\/b>/);
  });

  test('health, metrics and the dashboard answer', async () => {
    assert.deepEqual(await (await fetch(`${cloud.base}/v1/health`)).json(), {
      status: 'ok',
      role: 'cloud',
      version: '0.1.0',
    });
    assert.match(
      await (await fetch(`${cloud.base}/metrics`)).text(),
      /medassist_push_items_total\{outcome="accepted"\}/,
    );
    const html = await (await fetch(`${cloud.base}/dashboard`, { headers: operator })).text();
    assert.match(html, /Clinics by region/);
    assert.match(html, /north/);
  });
});
