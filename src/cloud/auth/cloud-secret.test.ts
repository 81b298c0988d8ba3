import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  openPrivateKey,
  parseCloudSecret,
  readCloudSecret,
  sealPrivateKey,
  SECRET_MIN_BYTES,
} from './cloud-secret.js';

const secretOf = (text: string) => parseCloudSecret(Buffer.from(text), 'test');
const LONG = 'k'.repeat(SECRET_MIN_BYTES);
const plain = Buffer.from('a private key, as PKCS#8 bytes');

test('a sealed key opens with the same secret and key id only', () => {
  const sealed = sealPrivateKey(secretOf(LONG), 'access-2', plain);
  assert.deepEqual(openPrivateKey(secretOf(LONG), 'access-2', sealed), plain);
  assert.throws(() => openPrivateKey(secretOf(`${LONG}x`), 'access-2', sealed), {
    code: 'SIGNING_KEY_SECRET_WRONG',
  });
  // Moved to another row, it does not open: the key id is authenticated with it.
  assert.throws(() => openPrivateKey(secretOf(LONG), 'access-3', sealed), {
    code: 'SIGNING_KEY_SECRET_WRONG',
  });
  assert.ok(!sealed.includes(plain.toString('base64url').slice(0, 12)));
});

test('two seals of one key differ (a fresh IV each time)', () => {
  const secret = secretOf(LONG);
  assert.notEqual(sealPrivateKey(secret, 'k', plain), sealPrivateKey(secret, 'k', plain));
});

test('an altered or malformed sealed key is refused like a wrong secret', () => {
  const secret = secretOf(LONG);
  const sealed = sealPrivateKey(secret, 'k', plain);
  const flipped = sealed.slice(0, 20) + (sealed[20] === 'A' ? 'B' : 'A') + sealed.slice(21);
  assert.throws(() => openPrivateKey(secret, 'k', flipped), { code: 'SIGNING_KEY_SECRET_WRONG' });
  assert.throws(() => openPrivateKey(secret, 'k', 'v2.abc'), { code: 'SIGNING_KEY_SECRET_WRONG' });
});

test('a secret under 32 bytes is refused, a key file newline is not part of it', () => {
  assert.throws(() => secretOf('k'.repeat(SECRET_MIN_BYTES - 1)), /too short \[31 bytes\]/);
  const withNewline = parseCloudSecret(Buffer.from(`${LONG}\n`), 'file');
  assert.deepEqual(withNewline.wrappingKey, secretOf(LONG).wrappingKey);
  assert.throws(() => parseCloudSecret(Buffer.from(`${'k'.repeat(31)}\n\n`), 'file'), {
    code: 'CLOUD_SECRET_INVALID',
  });
});

test('the secret comes from the flag, the file variable or the inline variable, never two', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secret-'));
  const file = join(dir, 'cloud.key');
  writeFileSync(file, `${LONG}\n`, { mode: 0o600 });
  assert.equal(readCloudSecret({}, {}), null);
  assert.equal(readCloudSecret({ secretFile: file }, {})?.source, `file ${file}`);
  assert.equal(readCloudSecret({}, { MEDASSIST_CLOUD_SECRET_FILE: file })?.source, `file ${file}`);
  assert.equal(
    readCloudSecret({}, { MEDASSIST_CLOUD_SECRET: LONG })?.source,
    'MEDASSIST_CLOUD_SECRET',
  );
  assert.throws(() => readCloudSecret({ secretFile: file }, { MEDASSIST_CLOUD_SECRET: LONG }), {
    code: 'CLOUD_SECRET_INVALID',
  });
  assert.throws(() => readCloudSecret({ secretFile: join(dir, 'missing') }, {}), /cannot read/);
});
