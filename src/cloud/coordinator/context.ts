/**
 * What the coordinator shares with its routes and with extensions (contracts.md): the
 * database of each region, the clinic authentication hook, the logger and the metrics.
 */
import type { TLSSocket } from 'node:tls';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { verifyAccessToken, type ClinicIdentity } from '../auth/access-token.js';
import type { ClinicDirectory } from '../auth/revocation.js';
import type { SigningKey } from '../auth/signing-key.js';
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

export function createRequireClinic(key: SigningKey, clinics: ClinicDirectory) {
  return async (request: FastifyRequest): Promise<void> => {
    const fromCert = certificateClinic(request);
    let clinicId: string;
    if (fromCert) {
      clinicId = fromCert;
    } else {
      const header = request.headers.authorization ?? '';
      if (!header.startsWith('Bearer ')) {
        throw new CloudError('ACCESS_TOKEN_INVALID', 'missing bearer token: get one at /v1/token');
      }
      clinicId = (await verifyAccessToken(key, header.slice(7))).clinicId;
    }
    const record = await clinics.lookup(clinicId);
    if (!record) throw new CloudError('ACCESS_TOKEN_INVALID', `unknown clinic [${clinicId}]`);
    if (record.revoked) throw new CloudError('CLINIC_REVOKED', `clinic [${clinicId}] is revoked`);
    request.clinic = { clinicId, region: record.region };
  };
}
