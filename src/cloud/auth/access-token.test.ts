import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { AUDIENCE, ISSUER, issueAccessToken, verifyAccessToken } from './access-token.js';
import type { SigningKey } from './signing-key.js';

let made = 0;
function signingKey(): SigningKey {
  made += 1;
  return { kid: `test-${made}`, ...generateKeyPairSync('ed25519') };
}

const clinic = { clinicId: 'clinic-1', region: 'north' };

function claims(key: SigningKey, o: { aud?: string; iss?: string; exp?: number } = {}) {
  return new SignJWT({ region: 'north' })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setSubject('clinic-1')
    .setIssuer(o.iss ?? ISSUER)
    .setAudience(o.aud ?? AUDIENCE)
    .setExpirationTime(o.exp ?? '60s')
    .sign(key.privateKey);
}

test('a token we issued names its clinic, region and expiry', async () => {
  const key = signingKey();
  const identity = await verifyAccessToken(key, await issueAccessToken(key, clinic, 60));
  assert.equal(identity.clinicId, 'clinic-1');
  assert.equal(identity.region, 'north');
  assert.ok(identity.expiresAt > Date.now());
});

test('a token with a changed payload or signed by another key is refused', async () => {
  const key = signingKey();
  const [head, , sig] = (await issueAccessToken(key, clinic, 60)).split('.');
  const forged = Buffer.from(JSON.stringify({ sub: 'clinic-2', region: 'south' })).toString(
    'base64url',
  );
  await assert.rejects(verifyAccessToken(key, `${head}.${forged}.${sig}`), /access token invalid/);
  const other = await issueAccessToken(signingKey(), clinic, 60);
  await assert.rejects(verifyAccessToken(key, other), /access token invalid/);
});

test('an unsigned token (alg none) and malformed text are refused', async () => {
  const key = signingKey();
  const [, body] = (await issueAccessToken(key, clinic, 60)).split('.');
  const none = Buffer.from('{"alg":"none"}').toString('base64url');
  await assert.rejects(verifyAccessToken(key, `${none}.${body}.`), /access token invalid/);
  await assert.rejects(verifyAccessToken(key, 'not.a.token!'), /access token invalid/);
  await assert.rejects(verifyAccessToken(key, 'abc'), /access token invalid/);
});

test('an expired token, or one for another audience or issuer, is refused', async () => {
  const key = signingKey();
  const past = Math.floor(Date.now() / 1000) - 5;
  await assert.rejects(verifyAccessToken(key, await claims(key, { exp: past })), /expired/);
  await assert.rejects(
    verifyAccessToken(key, await claims(key, { aud: 'someone-else' })),
    /invalid/,
  );
  await assert.rejects(
    verifyAccessToken(key, await claims(key, { iss: 'someone-else' })),
    /invalid/,
  );
});

test('a token whose kid names our key but which another key signed is refused', async () => {
  const key = signingKey();
  const impostor = { ...signingKey(), kid: key.kid };
  const token = await issueAccessToken(impostor, clinic, 60);
  await assert.rejects(verifyAccessToken(key, token), /access token invalid/);
});

test('a token without a kid, or with an unknown one, is refused', async () => {
  const key = signingKey();
  const noKid = await new SignJWT({ region: 'north' })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject('clinic-1')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('60s')
    .sign(key.privateKey);
  await assert.rejects(verifyAccessToken(key, noKid), /access token invalid/);
  const unknown = await issueAccessToken({ ...key, kid: 'someone-else' }, clinic, 60);
  await assert.rejects(verifyAccessToken(key, unknown), /unknown or retired key/);
});
