/**
 * Review of the clinic's TLS files while a node runs: its transport is cached per file
 * stamp, so what changes in the files after the first request must still be noticed, and no
 * message or cause may carry the bytes of a key.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { OpenClinic } from '../../src/clinic/clinic.js';
import { clinicFetch } from '../../src/clinic/sync/run-sync.js';
import {
  makeRegisteredClinic,
  removeTempDirs,
} from '../../src/clinic/sync/test-helpers/sync-clinic.js';
import { setSyncTls } from '../../src/clinic/sync/tls-setting.js';
import { createTestPki, hasOpenssl, NO_OPENSSL, type TestPki } from '../support/test-pki.js';

let pki: TestPki;
let clinic: OpenClinic;
// Nothing listens there: a request that gets past the TLS files fails to connect.
const NOWHERE = 'https://127.0.0.1:9/v1/health';

before(() => {
  if (!hasOpenssl) return;
  pki = createTestPki();
  pki.makeCa('ca');
  pki.makeCert('clinic', 'clinic-7', 'ca');
  clinic = makeRegisteredClinic('https://127.0.0.1:9', 'clinic-7');
});
after(() => {
  if (!hasOpenssl) return;
  clinic.close();
  removeTempDirs();
  pki.remove();
});

/** The error of a request through the clinic's transport. */
async function requestError(): Promise<Error & { code?: string }> {
  try {
    await clinicFetch(clinic)(NOWHERE);
  } catch (error) {
    return error as Error & { code?: string };
  }
  return assert.fail('the request should fail');
}

/** Copies of the PKI files that a test may change. */
function ownFiles(name: string) {
  const files = {
    ca: pki.path(`${name}.ca.crt`),
    cert: pki.path(`${name}.crt`),
    key: pki.path(`${name}.key`),
  };
  copyFileSync(pki.path('ca.crt'), files.ca);
  copyFileSync(pki.path('clinic.crt'), files.cert);
  copyFileSync(pki.path('clinic.key'), files.key);
  chmodSync(files.key, 0o600);
  return files;
}

describe('TLS files changed while the node runs', { skip: hasOpenssl ? false : NO_OPENSSL }, () => {
  test('a key file made readable by others after the first request is refused on the next', async () => {
    const files = ownFiles('loosened');
    setSyncTls(clinic, files);
    assert.notEqual((await requestError()).code, 'SYNC_TLS_CONFIG_INVALID');
    chmodSync(files.key, 0o644);
    const error = await requestError();
    assert.equal(error.code, 'SYNC_TLS_CONFIG_INVALID');
    assert.match(error.message, /^sync\.tls\.key: the key file is readable by others/);
    setSyncTls(clinic, null);
  });

  test('a file replaced with its old modification time kept is still read again', async () => {
    const files = ownFiles('same-mtime');
    setSyncTls(clinic, files);
    assert.notEqual((await requestError()).code, 'SYNC_TLS_CONFIG_INVALID');
    // As cp -p, rsync -t or an unpacked archive leave it (touch -r keeps the nanoseconds).
    const stale = `${files.ca}.new`;
    writeFileSync(stale, 'not a certificate\n');
    execFileSync('touch', ['-r', files.ca, stale]);
    renameSync(stale, files.ca);
    const error = await requestError();
    assert.equal(error.code, 'SYNC_TLS_CONFIG_INVALID');
    assert.match(error.message, /^sync\.tls\.ca: is not a PEM certificate file/);
    setSyncTls(clinic, null);
  });

  test('a CA file turned to garbage fails the request naming the field, without its bytes', async () => {
    const files = ownFiles('garbage');
    setSyncTls(clinic, files);
    await requestError();
    writeFileSync(
      files.ca,
      '-----BEGIN CERTIFICATE-----\nR0FSQkFHRS1DQS1CWVRFUw==\n-----END CERTIFICATE-----\n',
    );
    const error = await requestError();
    assert.equal(error.code, 'SYNC_TLS_CONFIG_INVALID');
    assert.match(error.message, /^sync\.tls\.ca: /);
    assert.doesNotMatch(inspect(error, { depth: 10 }), /R0FSQkFHRS1DQS1CWVRFUw/);
    setSyncTls(clinic, null);
  });

  test('a key file turned to garbage fails the request without quoting the key, in any cause', async () => {
    const files = ownFiles('bad-key');
    setSyncTls(clinic, files);
    await requestError();
    writeFileSync(
      files.key,
      '-----BEGIN PRIVATE KEY-----\nU0VDUkVULUtFWS1CWVRFUw==\n-----END PRIVATE KEY-----\n',
    );
    const error = await requestError();
    assert.equal(error.code, 'SYNC_TLS_CONFIG_INVALID');
    assert.doesNotMatch(inspect(error, { depth: 10 }), /U0VDUkVULUtFWS1CWVRFUw|SECRET-KEY/);
    setSyncTls(clinic, null);
  });
});
