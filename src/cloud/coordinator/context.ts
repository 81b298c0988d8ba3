/**
 * What the coordinator shares with its routes and with extensions (contracts.md): the
 * database of each region, the clinic authentication hook, the logger and the metrics.
 */
import type { TLSSocket } from 'node:tls';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { verifyAccessToken, type ClinicIdentity } from '../auth/access-token.js';
import type { ClinicDirectory } from '../auth/revocation.js';
import type { KeyLookup } from '../auth/keyring.js';
import type { Sql } from '../db/sql.js';
import { CloudError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    clinic?: ClinicIdentity;
  }
}

export interface CoordinatorContext {
  sqlForRegion(region: string): Sql;
  /** preHandler: verifies the bearer token (or the client certificate) -> request.clinic. */
  requireClinic: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  log: FastifyBaseLogger;
  metrics: Registry;
}

/** The clinic named by a verified client certificate (subject CN = clinic id), if any. */
function certificateClinic(request: FastifyRequest): string | null {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (!socket.authorized || typeof socket.getPeerCertificate !== 'function') return null;
  const cn = socket.getPeerCertificate().subject?.CN;
  return typeof cn === 'string' && cn.length > 0 ? cn : null;
}

/**
 * Verified bearer tokens by their exact text, until they expire: a clinic pushes several
 * batches with one token, and an EdDSA verification per request is the costliest step of
 * authentication. A hit still asks the keyring whether its key is retired (a map lookup), so a
 * retirement ends a cached token too. Revocation is checked on every request (revocation.ts).
 */
function createTokenCache(keys: KeyLookup, max = 50_000) {
  const verified = new Map<string, { identity: ClinicIdentity; expiresAt: number; kid: string }>();
  return async (token: string): Promise<ClinicIdentity> => {
    const hit = verified.get(token);
    if (hit && hit.expiresAt > Date.now() && keys.verifierFor(hit.kid)) return hit.identity;
    if (hit) verified.delete(token);

    const { clinicId, region, expiresAt, kid } = await verifyAccessToken(keys, token);
    if (verified.size >= max) verified.clear();
    verified.set(token, { identity: { clinicId, region }, expiresAt, kid });
    return { clinicId, region };
  };
}

/** The clinic of a client certificate: its region and revocation from the directory. */
async function certificateIdentity(clinics: ClinicDirectory, clinicId: string) {
  const record = await clinics.lookup(clinicId);
  if (!record) throw new CloudError('ACCESS_TOKEN_INVALID', `unknown clinic [${clinicId}]`);
  if (record.revoked) throw new CloudError('CLINIC_REVOKED', `clinic [${clinicId}] is revoked`);
  return { clinicId, region: record.region };
}

/**
 * A clinic authenticates by a verified client certificate, by a bearer token, or both. When
 * both are presented the token must be valid and name the same clinic: a certificate of one
 * clinic with the token of another is refused, rather than one of them silently chosen.
 */
export function createRequireClinic(keys: KeyLookup, clinics: ClinicDirectory) {
  const identityOfToken = createTokenCache(keys);
  return async (request: FastifyRequest): Promise<void> => {
    const fromCert = certificateClinic(request);
    const header = request.headers.authorization ?? '';
    const bearer = header.startsWith('Bearer ') ? header.slice(7) : null;
    if (fromCert) {
      const identity = await certificateIdentity(clinics, fromCert);
      const claimed = bearer === null ? null : (await identityOfToken(bearer)).clinicId;
      if (claimed !== null && claimed !== fromCert)
        throw new CloudError(
          'CLINIC_IDENTITY_CONFLICT',
          `the client certificate names clinic [${fromCert}], the access token [${claimed}]`,
        );
      request.clinic = identity;
      return;
    }
    if (bearer === null) {
      throw new CloudError('ACCESS_TOKEN_INVALID', 'missing bearer token: get one at /v1/token');
    }
    // The region is a signed claim, fixed at registration like the row it was copied from.
    const identity = await identityOfToken(bearer);
    if (await clinics.isRevoked(identity.clinicId)) {
      throw new CloudError('CLINIC_REVOKED', `clinic [${identity.clinicId}] is revoked`);
    }
    request.clinic = identity;
  };
}
