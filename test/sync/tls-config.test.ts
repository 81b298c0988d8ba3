/**
 * The clinic's TLS setting (config `sync.tls`): files checked when set and when a transport
 * is built, errors naming the field and the path and never the key's bytes, a key readable by
 * others refused like ssh does, and a broken setting failing the request, not the clinic.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { OpenClinic } from '../../src/clinic/clinic.js';
import { configPath, readConfig } from '../../src/clinic/config.js';
import { clinicFetch } from '../../src/clinic/sync/run-sync.js';
import {
  makeRegisteredClinic,
  removeTempDirs,
} from '../../src/clinic/sync/test-helpers/sync-clinic.js';
import { loadTlsMaterial, tlsPathsFromFlags } from '../../src/shared/tls/tls-files.js';
import { describeSyncTls, setSyncTls } from '../../src/clinic/sync/tls-setting.js';
import { createTestPki, hasOpenssl, NO_OPENSSL, type TestPki } from '../support/test-pki.js';

let pki: TestPki;
let clinic: OpenClinic;

before(() => {
  if (!hasOpenssl) return;
  pki = createTestPki();
  pki.makeCa('ca');
  pki.makeCert('clinic', 'clinic-7', 'ca');
  pki.makeCert('other', 'clinic-8', 'ca');
  clinic = makeRegisteredClinic('https://127.0.0.1:9', 'clinic-7');
});
after(() => {
  if (!hasOpenssl) return;
  clinic.close();
  removeTempDirs();
  pki.remove();
});

/** The field and message of the InputError `fn` throws. */
function issueOf(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (error) {
    const issue = (error as { issues?: { field: string; message: string }[] }).issues?.[0];
    if (issue) return issue;
    throw error;
  }
  assert.fail('expected an input error');
}

describe('the clinic TLS setting', { skip: hasOpenssl ? false : NO_OPENSSL }, () => {
  test('a client certificate without its key is refused, naming the missing field', () => {
    const flags = issueOf(() => tlsPathsFromFlags({ clientCert: pki.path('clinic.crt') }));
    assert.equal(flags.field, '--client-key');
    const config = issueOf(() => loadTlsMaterial({ key: pki.path('clinic.key') }));
    assert.equal(config.field, 'sync.tls.cert');
  });

  test('a missing file is refused with its field and path', () => {
    const missing = `${pki.dir}/nowhere.crt`;
    const issue = issueOf(() => tlsPathsFromFlags({ ca: missing }));
    assert.equal(issue.field, '--ca');
    assert.match(issue.message, /cannot read the file \(ENOENT\)/);
    assert.ok(issue.message.includes(`[${missing}]`));
  });

  test('a file that is not a PEM certificate is refused', () => {
    const issue = issueOf(() => loadTlsMaterial({ ca: pki.path('clinic.key') }));
    assert.equal(issue.field, 'sync.tls.ca');
    assert.match(issue.message, /is not a PEM certificate file/);
  });

  test(
    'a key file readable by others (mode 0644) is refused like ssh does, without its bytes',
    {
      skip: process.platform === 'win32' ? 'file modes are POSIX' : false,
    },
    () => {
      const loose = pki.path('loose.key');
      copyFileSync(pki.path('clinic.key'), loose);
      chmodSync(loose, 0o644);
      const issue = issueOf(() => loadTlsMaterial({ cert: pki.path('clinic.crt'), key: loose }));
      assert.equal(issue.field, 'sync.tls.key');
      assert.match(issue.message, /readable by others \(mode 0644\): run chmod 600/);
      const body = readFileSync(loose, 'utf8').split('\n')[1]!;
      assert.ok(!issue.message.includes(body.slice(0, 16)));
      chmodSync(loose, 0o600);
      assert.ok(loadTlsMaterial({ cert: pki.path('clinic.crt'), key: loose }).key);
    },
  );

  test('a key that does not belong to the certificate is refused', () => {
    const issue = issueOf(() =>
      loadTlsMaterial({ cert: pki.path('clinic.crt'), key: pki.path('other.key') }),
    );
    assert.equal(issue.field, 'sync.tls.key');
    assert.match(issue.message, /is not the key of the certificate/);
  });

  test('config.json with a certificate and no key is not valid, naming sync.tls', () => {
    const saved = readFileSync(configPath(clinic.home), 'utf8');
    const config = JSON.parse(saved) as { sync: Record<string, unknown> };
    config.sync.tls = { cert: pki.path('clinic.crt') };
    writeFileSync(configPath(clinic.home), JSON.stringify(config));
    assert.throws(() => readConfig(clinic.home), {
      code: 'CONFIG_INVALID',
      message: /sync\.tls: sync\.tls\.cert and sync\.tls\.key go together/,
    });
    writeFileSync(configPath(clinic.home), saved);
  });

  test('the setting shows the certificate subject CN and expiry, and --clear removes it', () => {
    setSyncTls(clinic, {
      ca: pki.path('ca.crt'),
      cert: pki.path('clinic.crt'),
      key: pki.path('clinic.key'),
    });
    const view = describeSyncTls(clinic);
    assert.equal(view.ca, pki.path('ca.crt'));
    assert.equal(view.clientCertificate?.subjectCn, 'clinic-7');
    assert.equal(view.clientCertificate?.expired, false);
    assert.ok(Date.parse(view.clientCertificate?.validTo ?? '') > Date.now());
    assert.ok(!JSON.stringify(view).includes('PRIVATE KEY'));

    setSyncTls(clinic, null);
    assert.deepEqual(describeSyncTls(clinic), { ca: null, clientCertificate: null, problem: null });
    assert.equal(readConfig(clinic.home).sync?.tls, undefined);
  });

  test('a setting broken after it was set fails the request that needs it, naming the field', async () => {
    const loose = pki.path('later-loose.key');
    copyFileSync(pki.path('clinic.key'), loose);
    chmodSync(loose, 0o600);
    setSyncTls(clinic, { cert: pki.path('clinic.crt'), key: loose });
    chmodSync(loose, 0o640);
    await assert.rejects(clinicFetch(clinic)('https://127.0.0.1:9/v1/health'), {
      code: 'SYNC_TLS_CONFIG_INVALID',
      message: /^sync\.tls\.key: the key file is readable by others/,
    });
    setSyncTls(clinic, null);
  });
});
