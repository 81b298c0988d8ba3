/**
 * Review of clinic authentication by client certificate at the coordinator: certificates
 * from the right CA that must still not let a clinic in (revoked, expired, unknown clinic).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { request } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { tokenProof } from '../../src/clinic/sync/identity.js';
import { revokeClinic } from '../../src/cloud/auth/enrolment.js';
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

interface Reply {
  status: number;
  error: string | null;
}

function httpsPost(
  to: TestCoordinator,
  path: string,
  client: string | null,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const url = new URL(`${to.base}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        ca: pki.file('ca.crt'),
        ...(client ? { cert: pki.file(`${client}.crt`), key: pki.file(`${client}.key`) } : {}),
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const error =
            res.statusCode === 200 ? null : (JSON.parse(text) as { error: string }).error;
          resolve({ status: res.statusCode ?? 0, error });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const push = (client: string | null, headers: Record<string, string> = {}, to = cloud) =>
  httpsPost(to, '/v1/sync/push', client, pushBody(`b-${Math.random()}`, [telemetryItem('t')]), {
    'content-encoding': 'gzip',
    ...headers,
  });

/** POSTs JSON to the coordinator over TLS trusting our CA, without a client certificate. */
function postOverTls(path: string, body: Buffer): Promise<string> {
  const url = new URL(`${cloud.base}${path}`);
  return new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        ca: pki.file('ca.crt'),
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function register(): Promise<{ clinicId: string; privateKey: KeyObject }> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const body = Buffer.from(
    JSON.stringify({
      enrolmentToken: await cloud.enrol('north'),
      region: 'north',
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
    }),
  );
  const reply = await postOverTls('/v1/register', body);
  return { clinicId: (JSON.parse(reply) as { clinicId: string }).clinicId, privateKey };
}

async function accessToken(clinicId: string, key: KeyObject): Promise<string> {
  const body = Buffer.from(JSON.stringify(tokenProof(key, clinicId)));
  const text = await postOverTls('/v1/token', body);
  return (JSON.parse(text) as { accessToken: string }).accessToken;
}

before(async () => {
  if (!hasOpenssl) return;
  pki = createTestPki();
  pki.makeCa('ca');
  pki.makeCert('server', '127.0.0.1', 'ca', true);
  pg = await startTestPostgres();
  const tls = {
    cert: pki.file('server.crt'),
    key: pki.file('server.key'),
    clientCa: pki.file('ca.crt'),
  };
  const database = await newDatabase(pg);
  cloud = await startCoordinator({ regions: {}, default: database }, { tls });
  strict = await startCoordinator(
    { regions: {}, default: database },
    { tls: { ...tls, requireClientCert: true } },
  );
});
after(async () => {
  if (!hasOpenssl) return;
  await strict.close();
  await cloud.close();
  await pg.stop();
  pki.remove();
});

describe(
  'client certificates that must not let a clinic in',
  { skip: hasOpenssl ? false : NO_OPENSSL },
  () => {
    test('the certificate of a revoked clinic is refused with 403, with or without its token', async () => {
      const clinic = await register();
      pki.makeCert('revoked', clinic.clinicId, 'ca');
      const token = await accessToken(clinic.clinicId, clinic.privateKey);
      assert.equal((await push('revoked')).status, 200);
      await revokeClinic(cloud.shards.global, clinic.clinicId);
      for (const to of [cloud, strict]) {
        assert.deepEqual(await push('revoked', {}, to), { status: 403, error: 'CLINIC_REVOKED' });
        const both = await push('revoked', { authorization: `Bearer ${token}` }, to);
        assert.deepEqual(both, { status: 403, error: 'CLINIC_REVOKED' });
      }
    });

    test('an expired certificate does not authenticate, and is refused in a required handshake', async () => {
      const clinic = await register();
      pki.makeCert('expired', clinic.clinicId, 'ca', false, 0);
      // -days 0 ends the validity at the second of issue.
      await sleep(1100);
      assert.deepEqual(await push('expired'), { status: 401, error: 'ACCESS_TOKEN_INVALID' });
      await assert.rejects(push('expired', {}, strict));
    });

    test('a certificate from the CA for an unknown clinic id is refused, even beside a valid token', async () => {
      const clinic = await register();
      pki.makeCert('unknown', 'no-such-clinic', 'ca');
      const token = await accessToken(clinic.clinicId, clinic.privateKey);
      assert.deepEqual(await push('unknown'), { status: 401, error: 'ACCESS_TOKEN_INVALID' });
      const both = await push('unknown', { authorization: `Bearer ${token}` });
      assert.notEqual(both.status, 200);
    });
  },
);
