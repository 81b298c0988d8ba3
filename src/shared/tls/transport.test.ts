import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainTlsFailure } from './transport.js';

/** A failed fetch as undici reports it: a TypeError whose cause carries the TLS code. */
function fetchFailure(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('tls'), { code }) });
}

const url = 'https://127.0.0.1:8443/v1/health';

void test('a certificate that does not name the host says so, not that the CA is missing', () => {
  const told = explainTlsFailure(url, fetchFailure('ERR_TLS_CERT_ALTNAME_INVALID'), {
    clientCertificate: false,
  });
  assert.equal(told?.code, 'SYNC_TLS_UNTRUSTED');
  assert.match(told.message, /does not name this host .*IP:127\.0\.0\.1 for an address/);
  assert.doesNotMatch(told.message, /--ca/);
});

void test('an unknown CA points at --ca, with the command that sets it', () => {
  const clinic = explainTlsFailure(url, fetchFailure('SELF_SIGNED_CERT_IN_CHAIN'), {
    clientCertificate: false,
  });
  assert.match(
    clinic!.message,
    /not trusted \(SELF_SIGNED_CERT_IN_CHAIN\).*medassist sync tls --ca FILE/,
  );
  const edge = explainTlsFailure(
    url,
    fetchFailure('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
    { clientCertificate: false },
    'medassist edge serve',
  );
  assert.match(edge!.message, /medassist edge serve --ca FILE/);
});

void test('a plain http failure is not explained as TLS', () => {
  assert.equal(
    explainTlsFailure('http://127.0.0.1:9/', fetchFailure('ECONNREFUSED'), {
      clientCertificate: false,
    }),
    null,
  );
});
