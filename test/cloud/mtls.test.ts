import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pushBody } from '../support/cloud-client.js';
import { telemetryItem } from '../support/uploads.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from './harness.js';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

let pg: TestPostgres;
let dir: string;
let cloud: TestCoordinator;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA, and a certificate signed by it for `cn` (with an IP SAN for the server). */
function makeCa(name: string): void {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ed25519',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-subj',
    `/CN=${name}`,
    '-days',
    '1',
  );
}

function makeCert(name: string, cn: string, ca: string, server = false): void {
  openssl(
    'req',
    '-newkey',
    'ed25519',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${cn}`,
  );
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, server ? 'subjectAltName=IP:127.0.0.1\n' : 'extendedKeyUsage=clientAuth\n');
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '1',
    '-extfile',
    ext,
  );
}

const file = (name: string) => readFileSync(join(dir, name));

async function pushWithCert(client: string | null, body: Buffer): Promise<number> {
  return (await httpsPost('/v1/sync/push', client, body, 'gzip')).status;
}

function httpsPost(
  path: string,
  client: string | null,
  body: Buffer,
  encoding: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(`${cloud.base}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        ca: file('ca.crt'),
        ...(client ? { cert: file(`${client}.crt`), key: file(`${client}.key`) } : {}),
        headers: {
          'content-type': 'application/json',
          'content-encoding': encoding,
          'content-length': body.length,
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
    req.end(body);
  });
}

before(async () => {
  if (!hasOpenssl) return;
  dir = mkdtempSync(join(tmpdir(), 'medassist-mtls-'));
  makeCa('ca');
  makeCa('rogue');
  makeCert('server', '127.0.0.1', 'ca', true);
  pg = await startTestPostgres();
  cloud = await startCoordinator(
    { regions: {}, default: await newDatabase(pg) },
    { tls: { cert: file('server.crt'), key: file('server.key'), clientCa: file('ca.crt') } },
  );
});
after(async () => {
  if (!hasOpenssl) return;
  await cloud.close();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
});

test(
  'a clinic with a client certificate from the CA is authenticated by it; others are not',
  { skip: hasOpenssl ? false : 'openssl CLI not installed' },
  async () => {
    const clinic = await registerOverTls();
    makeCert('clinic', clinic, 'ca');
    makeCert('impostor', clinic, 'rogue');
    const body = pushBody('b-mtls', [telemetryItem('tls-1')]);
    assert.equal(await pushWithCert('clinic', body), 200);
    assert.equal(await pushWithCert('impostor', body), 401);
    assert.equal(await pushWithCert(null, body), 401);
  },
);

/** Registers over https with the test CA and no client certificate, as a first contact. */
async function registerOverTls(): Promise<string> {
  const { publicKey } = generateKeyPairSync('ed25519');
  const body = Buffer.from(
    JSON.stringify({
      enrolmentToken: await cloud.enrol('north'),
      region: 'north',
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
    }),
  );
  const reply = await httpsPost('/v1/register', null, body, 'identity');
  assert.equal(reply.status, 200);
  return (JSON.parse(reply.text) as { clinicId: string }).clinicId;
}
