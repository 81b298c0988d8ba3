/**
 * The clinic's Ed25519 identity. The private key is kept in the encrypted clinic database
 * (sync_state), never in a file of its own; the public key goes to the coordinator at
 * registration and the key signs each access-token request (protocol v1 `TokenRequest`).
 */
import {
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { MedAssistError } from '../../shared/errors.js';
import type { ClinicDatabase } from '../store/database.js';
import { getState, setState, STATE } from './sync-state.js';

/** Creates a fresh key pair (replacing any earlier one) and returns the public key. */
export function createIdentity(db: ClinicDatabase): { publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateDer = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const publicDer = publicKey.export({ format: 'der', type: 'spki' }).toString('base64url');
  db.transaction(() => {
    setState(db, STATE.privateKey, privateDer);
    setState(db, STATE.publicKey, publicDer);
  })();
  return { publicKey: publicDer };
}

export function loadPrivateKey(db: ClinicDatabase): KeyObject {
  const der = getState(db, STATE.privateKey);
  if (der === null)
    throw new MedAssistError(
      'SYNC_NOT_REGISTERED',
      'this clinic has no sync identity []: run medassist register',
    );
  return createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
}

/** The signed proof of POST /v1/token: `${clinicId}.${issuedAt}.${nonce}`, issuedAt in s. */
export function tokenProof(key: KeyObject, clinicId: string, now = new Date()) {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const nonce = randomBytes(16).toString('base64url');
  const signature = sign(null, Buffer.from(`${clinicId}.${issuedAt}.${nonce}`), key);
  return { clinicId, issuedAt, nonce, signature: signature.toString('base64url') };
}
