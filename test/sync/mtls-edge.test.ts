/**
 * An edge between clinics and a coordinator that requires client certificates (issue 4,
 * items 2 and 5): the edge presents its own certificate upstream and serves HTTPS to clinics
 * that trust the private CA. Real coordinator and PostgreSQL on 127.0.0.1; certificates made
 * with openssl.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createEdge, type Edge } from '../../src/cloud/edge/edge-server.js';
import { registerReleaseRoutes } from '../../src/cloud/releases/routes.js';
import {
  createReleaseFixture,
  type ReleaseFixture,
} from '../../src/cloud/releases/test-helpers.js';
import {
  createTestClinics,
  type TestClinics,
} from '../../src/clinic/knowledge-update/test-helpers/release-world.js';
import { updateKnowledge } from '../../src/clinic/knowledge-update/update.js';
import { createTlsTransport } from '../../src/shared/tls/transport.js';
import { registerEdgeCommand } from '../../src/cli/commands/edge.js';
import { Command } from 'commander';
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
let clinics: TestClinics;
const edges: Edge[] = [];

before(async () => {
  if (!hasOpenssl) return;
  pki = createTestPki();
  pki.makeCa('ca');
  pki.makeCert('server', '127.0.0.1', 'ca', true);
  pki.makeCert('edge', 'edge-north', 'ca');
  fixture = await createReleaseFixture();
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
      extensions: [(app) => registerReleaseRoutes(app, fixture.repository)],
    },
  );
  clinics = createTestClinics();
});
after(async () => {
  if (!hasOpenssl) return;
  for (const edge of edges) await edge.close();
  clinics.close();
  await cloud.close();
  await pg.stop();
  await fixture.close();
  pki.remove();
});

interface UpdateFailure {
  code: string;
  details: { failures: { code: string; message: string }[] };
}

const SET_WITH = { setWith: 'medassist edge serve' };

/** An HTTPS edge on 127.0.0.1 whose upstream requests carry `clientCert`, if any. */
async function startEdge(dir: string, clientCert?: string): Promise<{ edge: Edge; url: string }> {
  const upstreamTls = {
    ca: pki.path('ca.crt'),
    ...(clientCert
      ? { cert: pki.path(`${clientCert}.crt`), key: pki.path(`${clientCert}.key`) }
      : {}),
  };
  const edge = createEdge({
    upstream: cloud.base,
    dataDir: `${pki.dir}/${dir}`,
    region: 'north',
    latestTtlMs: 0,
    tls: { cert: pki.file('server.crt'), key: pki.file('server.key') },
    upstreamFetch: createTlsTransport(upstreamTls, SET_WITH).fetch,
  });
  edges.push(edge);
  const url = await edge.app.listen({ host: '127.0.0.1', port: 0 });
  return { edge, url };
}

describe(
  'an edge in front of a coordinator with mutual TLS',
  { skip: hasOpenssl ? false : NO_OPENSSL },
  () => {
    test('with its certificate the edge caches the release and a clinic gets it from the edge over HTTPS', async () => {
      const { edge, url } = await startEdge('with-cert', 'edge');
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(await edge.releases.prefetch('stable'), 'v2');

      const clinic = clinics.clinic(fixture.kb.other);
      const result = await updateKnowledge(clinic, {
        sources: [url],
        releaseKeys: { [fixture.key.keyId]: fixture.key.publicKey },
        fetch: createTlsTransport({ ca: pki.path('ca.crt') }).fetch,
      });
      assert.ok(result.status === 'updated' && result.source === url);
      assert.equal(clinic.config.knowledge?.version, 'v2');
    });

    test('without a certificate the edge is refused upstream and says which flags set one', async () => {
      const { edge } = await startEdge('without-cert');
      await assert.rejects(edge.releases.prefetch('stable'), {
        code: 'EDGE_UPSTREAM_UNREACHABLE',
        message:
          /closed the TLS connection.*medassist edge serve --client-cert FILE --client-key FILE/,
      });
    });

    test('a clinic that does not trust the private CA is told the edge certificate is not trusted', async () => {
      const { url } = await startEdge('untrusted', 'edge');
      const clinic = clinics.clinic(fixture.kb.other);
      const update = updateKnowledge(clinic, {
        sources: [url],
        releaseKeys: { [fixture.key.keyId]: fixture.key.publicKey },
        fetch: createTlsTransport().fetch,
      });
      await assert.rejects(update, (error: UpdateFailure) => {
        assert.equal(error.code, 'KB_UPDATE_FAILED');
        assert.equal(error.details.failures[0]?.code, 'SYNC_TLS_UNTRUSTED');
        assert.match(error.details.failures[0].message, /medassist sync tls --ca FILE/);
        return true;
      });
      assert.notEqual(clinic.config.knowledge?.version, 'v2');
    });
  },
);

/** `medassist edge serve` with `args`, until `stopped` resolves; resolves with its URL. */
function serveEdge(args: string[], stopped: Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const root = new Command('medassist').exitOverride().configureOutput({ writeOut: () => {} });
    registerEdgeCommand(root, {
      defaultDataDir: () => `${pki.dir}/cli-edge`,
      untilStopped: () => stopped,
      onListening: resolve,
    });
    root.parseAsync(['edge', 'serve', '--port', '0', ...args], { from: 'user' }).catch(reject);
  });
}

describe('edge serve flags', { skip: hasOpenssl ? false : NO_OPENSSL }, () => {
  test('with --tls-cert, --tls-key, --ca and a client certificate the edge serves HTTPS from the mTLS coordinator', async () => {
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const url = await serveEdge(
      [
        '--upstream',
        cloud.base,
        '--tls-cert',
        pki.path('server.crt'),
        '--tls-key',
        pki.path('server.key'),
        '--ca',
        pki.path('ca.crt'),
        '--client-cert',
        pki.path('edge.crt'),
        '--client-key',
        pki.path('edge.key'),
      ],
      stopped,
    );
    assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const fetchTrusting = createTlsTransport({ ca: pki.path('ca.crt') }).fetch;
    const latest = await fetchTrusting(`${url}/v1/releases/latest?channel=stable`);
    assert.equal(latest.status, 200);
    assert.equal(((await latest.json()) as { version: string }).version, 'v2');
    stop();
  });

  test('a certificate without its key is refused, naming the missing flag', async () => {
    await assert.rejects(
      serveEdge(
        ['--upstream', cloud.base, '--tls-cert', pki.path('server.crt')],
        Promise.resolve(),
      ),
      /--tls-key: a certificate and its key go together/,
    );
    await assert.rejects(
      serveEdge(
        ['--upstream', cloud.base, '--client-cert', pki.path('edge.crt')],
        Promise.resolve(),
      ),
      /--client-key/,
    );
  });
});
