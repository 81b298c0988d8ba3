/**
 * The coordinator behind TLS with a client CA: a certificate from the CA identifies the
 * clinic (subject CN = clinic id), one from another CA does not, a certificate and a token of
 * different clinics are refused, and with `requireClientCert` the handshake itself refuses
 * clients without a certificate from the CA.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { request } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { tokenProof } from '../../src/clinic/sync/identity.js';
import { pushBody } from '../support/cloud-client.js';
import { createTestPki, hasOpenssl, NO_OPENSSL, type TestPki } from '../support/test-pki.js';
import { telemetryItem } from '../support/uploads.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from './harness.js';

let pg: TestPostgres;
let pki: TestPki;
let cloud: TestCoordinator;
let strict: TestCoordinator;

interface Post {
  client: string | null;
  body: Buffer;
  encoding?: string;
  headers?: Record<string, string>;
  to?: TestCoordinator;
}

function httpsPost(path: string, p: Post): Promise<{ status: number; text: string }> {
  const url = new URL(`${(p.to ?? cloud).base}${path}`);
  const client = p.client;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        ca: pki.file('ca.crt'),
        ...(client ? { cert: pki.file(`${client}.crt`), key: pki.file(`${client}.key`) } : {}),
        headers: {
          'content-type': 'application/json',
          'content-encoding': p.encoding ?? 'identity',
          'content-length': p.body.length,
          ...p.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(p.body);
  });
}

const push = (client: string | null, headers: Record<string, string> = {}) =>
  httpsPost('/v1/sync/push', {
    client,
    body: pushBody(`b-${Math.random()}`, [telemetryItem('tls-1')]),
    encoding: 'gzip',
    headers,
  });

before(async () => {
  if (!hasOpenssl) return;
  pki = createTestPki();
  pki.makeCa('ca');
  pki.makeCa('rogue');
  pki.makeCert('server', '127.0.0.1', 'ca', true);
  pki.makeCert('bootstrap', 'bootstrap', 'ca');
  pg = await startTestPostgres();
  const tls = { cert: pki.file('server.crt'), key: pki.file('server.key') };
  const database = await newDatabase(pg);
  cloud = await startCoordinator(
    { regions: {}, default: database },
    { tls: { ...tls, clientCa: pki.file('ca.crt') } },
  );
  strict = await startCoordinator(
    { regions: {}, default: database },
    { tls: { ...tls, clientCa: pki.file('ca.crt'), requireClientCert: true } },
  );
});
after(async () => {
  if (!hasOpenssl) return;
  await strict.close();
  await cloud.close();
  await pg.stop();
  pki.remove();
});

/** Registers over https with the test CA and no client certificate, as a first contact. */
async function registerOverTls(): Promise<{ clinicId: string; privateKey: KeyObject }> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const body = Buffer.from(
    JSON.stringify({
      enrolmentToken: await cloud.enrol('north'),
      region: 'north',
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
    }),
  );
  const reply = await httpsPost('/v1/register', { client: null, body });
  assert.equal(reply.status, 200);
  return { clinicId: (JSON.parse(reply.text) as { clinicId: string }).clinicId, privateKey };
}

async function accessToken(clinicId: string, key: KeyObject): Promise<string> {
  const body = Buffer.from(JSON.stringify(tokenProof(key, clinicId)));
  const reply = await httpsPost('/v1/token', { client: null, body });
  assert.equal(reply.status, 200);
  return (JSON.parse(reply.text) as { accessToken: string }).accessToken;
}

describe('mutual TLS at the coordinator', { skip: hasOpenssl ? false : NO_OPENSSL }, () => {
  test('a clinic with a client certificate from the CA is authenticated by it; others are not', async () => {
    const { clinicId } = await registerOverTls();
    pki.makeCert('clinic', clinicId, 'ca');
    pki.makeCert('impostor', clinicId, 'rogue');
    assert.equal((await push('clinic')).status, 200);
    assert.equal((await push('impostor')).status, 401);
    assert.equal((await push(null)).status, 401);
  });

  test('a certificate of one clinic with the access token of another is refused with 403', async () => {
    const a = await registerOverTls();
    const b = await registerOverTls();
    pki.makeCert('clinic-a', a.clinicId, 'ca');
    const tokenA = await accessToken(a.clinicId, a.privateKey);
    const tokenB = await accessToken(b.clinicId, b.privateKey);

    const conflict = await push('clinic-a', { authorization: `Bearer ${tokenB}` });
    assert.equal(conflict.status, 403);
    assert.equal(
      (JSON.parse(conflict.text) as { error: string }).error,
      'CLINIC_IDENTITY_CONFLICT',
    );
    assert.equal((await push('clinic-a', { authorization: `Bearer ${tokenA}` })).status, 200);
    assert.equal((await push(null, { authorization: `Bearer ${tokenB}` })).status, 200);
  });

  test('with a required client certificate, the handshake refuses clients without one from the CA', async () => {
    const body = Buffer.from('{}');
    await assert.rejects(httpsPost('/v1/health', { client: null, body, to: strict }));
    pki.makeCert('stranger', 'bootstrap', 'rogue');
    await assert.rejects(httpsPost('/v1/health', { client: 'stranger', body, to: strict }));
    // Any certificate of the CA passes the handshake; the routes still check whose it is.
    const reply = await httpsPost('/v1/sync/push', { client: 'bootstrap', body, to: strict });
    assert.equal(reply.status, 401);
  });
});
