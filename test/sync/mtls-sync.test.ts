/**
 * A clinic against a real coordinator on 127.0.0.1 that requires client certificates
 * (mutual TLS, issue 4 item 2), its server certificate signed by a private CA: with its
 * certificate the clinic syncs end to end and downloads knowledge; without it, with one from
 * another CA, or without the private CA, it is refused with a clear SYNC error and nothing is
 * marked sent.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { modelStepFor } from '../../src/cli/commands/consult-model.js';
import { insertAlert } from '../../src/cloud/alerts/alert-store.js';
import { parseGatewayConfig } from '../../src/cloud/model-gateway/config.js';
import { ESCALATION_PATH, modelGatewayExtension } from '../../src/cloud/model-gateway/gateway.js';
import { answerWith, startStub, type Stub } from '../../src/inference/openai/test-helpers.js';
import { registerReleaseRoutes } from '../../src/cloud/releases/routes.js';
import {
  createReleaseFixture,
  type ReleaseFixture,
} from '../../src/cloud/releases/test-helpers.js';
import { saveSessionToken } from '../../src/cli/clinic-context.js';
import { createUser, login } from '../../src/clinic/auth/index.js';
import type { OpenClinic } from '../../src/clinic/clinic.js';
import { updateKnowledge } from '../../src/clinic/knowledge-update/update.js';
import { registerClinic } from '../../src/clinic/sync/register.js';
import { clientFor, clinicFetch, runSync } from '../../src/clinic/sync/run-sync.js';
import {
  makeClinic,
  PASSPHRASE,
  removeTempDirs,
  saveGeneratedConsults,
} from '../../src/clinic/sync/test-helpers/sync-clinic.js';
import { setSyncTls } from '../../src/clinic/sync/tls-setting.js';
import { createTestPki, hasOpenssl, NO_OPENSSL, type TestPki } from '../support/test-pki.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from '../cloud/harness.js';

let pg: TestPostgres;
let pki: TestPki;
let fixture: ReleaseFixture;
let cloud: TestCoordinator;
let upstream: Stub;

before(async () => {
  if (!hasOpenssl) return;
  pki = createTestPki();
  pki.makeCa('ca');
  pki.makeCa('rogue');
  pki.makeCert('server', '127.0.0.1', 'ca', true);
  // Registration comes before the clinic id is known: any certificate of the CA opens the
  // handshake, the clinic's own (CN = its id) is installed afterwards.
  pki.makeCert('bootstrap', 'bootstrap', 'ca');
  fixture = await createReleaseFixture();
  upstream = await startStub(answerWith('{"summary":"from the pool"}'));
  const gateway = modelGatewayExtension(
    parseGatewayConfig({ upstreams: [{ name: 'pool-a', url: upstream.url, concurrency: 1 }] }),
  );
  pg = await startTestPostgres();
  cloud = await startCoordinator(
    { regions: {}, default: await newDatabase(pg) },
    {
      tls: {
        cert: pki.file('server.crt'),
        key: pki.file('server.key'),
        clientCa: pki.file('ca.crt'),
        requireClientCert: true,
      },
      releaseKeys: { [fixture.key.keyId]: fixture.key.publicKey },
      extensions: [(app) => registerReleaseRoutes(app, fixture.repository), gateway],
    },
  );
});
after(async () => {
  if (!hasOpenssl) return;
  await cloud.close();
  await pg.stop();
  await fixture.close();
  await upstream.close();
  removeTempDirs();
  pki.remove();
});

const ca = () => pki.path('ca.crt');
const certOf = (name: string) => ({ cert: pki.path(`${name}.crt`), key: pki.path(`${name}.key`) });

/** A clinic registered over mutual TLS, with its own certificate (CN = clinic id) made. */
async function registered(): Promise<{ clinic: OpenClinic; clinicId: string; cert: string }> {
  const clinic = makeClinic();
  const sync = await registerClinic(clinic, {
    coordinatorUrl: cloud.base,
    enrolmentToken: await cloud.enrol('north'),
    region: 'north',
    tls: { ca: ca(), ...certOf('bootstrap') },
  });
  const cert = `clinic-${sync.clinicId}`;
  pki.makeCert(cert, sync.clinicId, 'ca');
  setSyncTls(clinic, { ca: ca(), ...certOf(cert) });
  return { clinic, clinicId: sync.clinicId, cert };
}

async function storedInCloud(clinicId: string): Promise<number> {
  const result = await cloud.shards.global.query<{ n: string }>(
    'SELECT count(*) AS n FROM encounters WHERE clinic_id = $1',
    [clinicId],
  );
  return Number(result.rows[0]?.n);
}

describe('sync over mutual TLS', { skip: hasOpenssl ? false : NO_OPENSSL }, () => {
  test('a clinic with its certificate pushes its cases and receives the alerts of its region', async () => {
    const { clinic, clinicId } = await registered();
    saveGeneratedConsults(clinic, 4, 11);
    await insertAlert(cloud.shards.forRegion('north'), {
      region: 'north',
      severity: 'warning',
      title: 'Measles cases reported',
      body: 'Check vitamin A.',
    });
    const report = await runSync(clinic);
    assert.deepEqual([report.accepted, report.remaining, report.alertsReceived], [4, 0, 1]);
    assert.equal(await storedInCloud(clinicId), 4);
    clinic.close();
  });

  test('the same clinic without its certificate is refused with a SYNC error and nothing is marked sent', async () => {
    const { clinic, clinicId } = await registered();
    setSyncTls(clinic, { ca: ca() });
    saveGeneratedConsults(clinic, 2, 12);
    await assert.rejects(runSync(clinic), {
      code: 'SYNC_UNREACHABLE',
      message: /closed the TLS connection.*set one with medassist sync tls --client-cert/,
    });
    assert.equal(clinic.store.pendingOutbox(), 2);
    assert.equal(await storedInCloud(clinicId), 0);
    clinic.close();
  });

  test('a certificate for the clinic from another CA is refused', async () => {
    const { clinic, clinicId } = await registered();
    pki.makeCert(`rogue-${clinicId}`, clinicId, 'rogue');
    setSyncTls(clinic, { ca: ca(), ...certOf(`rogue-${clinicId}`) });
    saveGeneratedConsults(clinic, 1, 13);
    await assert.rejects(runSync(clinic), {
      code: 'SYNC_UNREACHABLE',
      message: /the configured one is not from its CA/,
    });
    assert.equal(clinic.store.pendingOutbox(), 1);
    clinic.close();
  });

  test('the private CA is what makes the server certificate trusted', async () => {
    const { clinic, cert } = await registered();
    setSyncTls(clinic, certOf(cert));
    saveGeneratedConsults(clinic, 1, 14);
    await assert.rejects(runSync(clinic), {
      code: 'SYNC_TLS_UNTRUSTED',
      message:
        /server certificate of \[https:\/\/127\.0\.0\.1:\d+\/v1\/token\] is not trusted.*--ca FILE/,
    });
    assert.equal(clinic.store.pendingOutbox(), 1);

    setSyncTls(clinic, { ca: ca(), ...certOf(cert) });
    assert.equal((await runSync(clinic)).accepted, 1);
    clinic.close();
  });

  test('knowledge is downloaded from the coordinator over mutual TLS', async () => {
    const { clinic } = await registered();
    const result = await updateKnowledge(clinic, {
      sources: clientFor(clinic).readSources(),
      releaseKeys: { [fixture.key.keyId]: fixture.key.publicKey },
      fetch: clinicFetch(clinic),
    });
    assert.equal(result.status, 'updated');
    assert.equal(result.version, 'v2');
    assert.equal(clinic.config.knowledge?.version, 'v2');
    clinic.close();
  });

  test('a consult escalating to the coordinator presents the clinic certificate', async () => {
    const { clinic } = await registered();
    const config = {
      ...clinic.config,
      hybrid: { cloud: { url: cloud.base, path: ESCALATION_PATH } },
    };
    const token = () => clientFor(clinic).accessToken();
    const ask = { messages: [{ role: 'user' as const, content: 'hard case' }], maxTokens: 8 };
    const request = { ...ask, jsonSchema: { type: 'object' } };

    const step = await modelStepFor(config, {}, null, () => 'ONLINE', token, clinicFetch(clinic));
    const answer = await step!.options.cloud!.complete(request);
    assert.equal(answer.text, '{"summary":"from the pool"}');
    await step!.close();

    // Node's own fetch, without the clinic transport, does not even trust the coordinator.
    const plain = await modelStepFor(config, {}, null, () => 'ONLINE', token);
    await assert.rejects(plain!.options.cloud!.complete(request), { code: 'MODEL_UNREACHABLE' });
    await plain!.close();
    assert.equal(upstream.seen.length, 1);
    clinic.close();
  });

  const BIN = fileURLToPath(new URL('../../bin/medassist.js', import.meta.url));
  const BUILT = fileURLToPath(new URL('../../dist/cli/commands/sync-tls.js', import.meta.url));

  function medassist(home: string, args: string[]) {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, MEDASSIST_HOME: home, MEDASSIST_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  async function signIn(clinic: OpenClinic, role: 'admin' | 'nurse') {
    await createUser(clinic.store.db, { name: role, role, pin: '2580' }).catch(() => undefined);
    saveSessionToken(
      clinic.home,
      (await login(clinic.store.db, { name: role, pin: '2580' })).session.token,
    );
  }

  test(
    'from the command line: register with a bootstrap certificate, sync tls (admin), sync now, sync status',
    {
      skip: existsSync(BUILT) ? false : 'needs the compiled build with sync tls (npm run build)',
    },
    async () => {
      const clinic = makeClinic();
      saveGeneratedConsults(clinic, 2, 15);
      await signIn(clinic, 'admin');
      const boot = [
        '--client-cert',
        pki.path('bootstrap.crt'),
        '--client-key',
        pki.path('bootstrap.key'),
      ];
      const register = await medassist(clinic.home, [
        'register',
        '--coordinator',
        cloud.base,
        '--token',
        await cloud.enrol('north'),
        '--region',
        'north',
        '--ca',
        ca(),
        ...boot,
        '--json',
      ]);
      assert.equal(register.code, 0, register.stderr);
      const { clinicId } = JSON.parse(register.stdout) as { clinicId: string };
      pki.makeCert('cli-clinic', clinicId, 'ca');
      const own = [
        '--client-cert',
        pki.path('cli-clinic.crt'),
        '--client-key',
        pki.path('cli-clinic.key'),
      ];

      const halfSet = await medassist(clinic.home, ['sync', 'tls', own[0]!, own[1]!]);
      assert.equal(halfSet.code, 2);
      assert.match(halfSet.stderr, /--client-key: a client certificate and its key go together/);
      await signIn(clinic, 'nurse');
      const nurse = await medassist(clinic.home, ['sync', 'tls', '--ca', ca(), ...own]);
      assert.equal(nurse.code, 1);
      assert.match(nurse.stderr, /AUTH_FORBIDDEN/);
      await signIn(clinic, 'admin');
      const set = await medassist(clinic.home, ['sync', 'tls', '--ca', ca(), ...own]);
      assert.equal(set.code, 0, set.stderr);

      const synced = await medassist(clinic.home, ['sync', 'now', '--json']);
      assert.equal(synced.code, 0, synced.stderr);
      assert.equal((JSON.parse(synced.stdout) as { accepted: number }).accepted, 2);
      const status = await medassist(clinic.home, ['sync', 'status']);
      assert.match(status.stdout, new RegExp(`client certificate: CN=${clinicId}, expires 20`));
      assert.doesNotMatch(status.stdout, /PRIVATE KEY/);
      clinic.close();
    },
  );
});
