import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { buildRelease, defaultReleaseVersion } from './build-release.js';
import { contentHashOfFile } from './content-hash.js';
import {
  generateReleaseKey,
  parseReleaseKeyPem,
  releaseKeyToPem,
  verifySignedManifest,
} from './signing.js';
import { buildKbVersions } from './test-helpers/kb-versions.js';

const kb = buildKbVersions();
after(() => kb.remove());

const key = generateReleaseKey();
const trusted = { [key.keyId]: key.publicKey };
const release = buildRelease({
  dbPath: kb.v2,
  channel: 'stable',
  key,
  version: 'v2',
  previous: [{ version: 'v1', dbPath: kb.v1 }],
  now: new Date('2026-02-01T10:20:00Z'),
});
const hasCode = (code: string) => (e: Error & { code?: string }) => e.code === code;

void test('a release names its bundle and its delta by SHA-256 and is signed', () => {
  const manifest = verifySignedManifest(release.signed, trusted);

  assert.equal(manifest.version, 'v2');
  assert.equal(manifest.contentHash, contentHashOfFile(kb.v2));
  assert.deepEqual(
    manifest.deltas.map((d) => d.fromVersion),
    ['v1'],
  );
  assert.ok(release.blobs.has(manifest.bundle.sha256));
  assert.ok(release.blobs.has(manifest.deltas[0]?.sha256 ?? ''));
});

void test('a manifest changed after signing is refused', () => {
  const tampered = { ...release.signed, manifest: release.signed.manifest.replace('v2', 'v3') };

  assert.throws(() => verifySignedManifest(tampered, trusted), hasCode('KB_SIGNATURE_INVALID'));
});

void test('a release signed by a key that is not configured is refused', () => {
  const stranger = generateReleaseKey();
  const foreign = buildRelease({ dbPath: kb.v2, channel: 'stable', key: stranger });

  assert.throws(() => verifySignedManifest(foreign.signed, trusted), hasCode('KB_KEY_UNKNOWN'));
  // The stranger's signature under our key id is still refused.
  const spoofed = { ...foreign.signed, keyId: key.keyId };
  assert.throws(() => verifySignedManifest(spoofed, trusted), hasCode('KB_SIGNATURE_INVALID'));
});

void test('a signing key survives a round trip through its PEM file', () => {
  const again = parseReleaseKeyPem(releaseKeyToPem(key));

  assert.equal(again.keyId, key.keyId);
  assert.equal(again.publicKey, key.publicKey);
  assert.throws(() => parseReleaseKeyPem('not a key'), hasCode('KB_KEY_INVALID'));
});

void test('a release of unchanged content carries no delta from that version', () => {
  const same = buildRelease({
    dbPath: kb.v2,
    channel: 'stable',
    key,
    previous: [{ version: 'v2', dbPath: kb.v2 }],
  });

  assert.deepEqual(same.manifest.deltas, []);
});

void test('the default version sorts by time and names the content', () => {
  assert.equal(
    defaultReleaseVersion(new Date('2026-12-04T16:50:00Z'), 'abcdef0123456789'),
    '2026.12.04-1650-abcdef01',
  );
});
