/** POST /v1/register and POST /v1/token (protocol v1). */
import type { FastifyInstance } from 'fastify';
import { RegisterRequest, TokenRequest } from '../../protocol/v1.js';
import { ACCESS_TOKEN_TTL_S, issueAccessToken } from '../auth/access-token.js';
import { verifyClinicProof } from '../auth/clinic-proof.js';
import { registerClinic } from '../auth/enrolment.js';
import type { TokenKeyring } from '../auth/keyring.js';
import type { Sql } from '../db/sql.js';
import { parseBody } from './parse-body.js';

export interface AuthRouteOptions {
  global: Sql;
  /** New tokens are signed with the keyring's newest key. */
  keys: Pick<TokenKeyring, 'signingKey'>;
  releaseKeys: Record<string, string>;
  accessTokenTtlS?: number;
}

export function registerAuthRoutes(app: FastifyInstance, o: AuthRouteOptions): void {
  const ttl = o.accessTokenTtlS ?? ACCESS_TOKEN_TTL_S;

  app.post('/v1/register', async (request) => {
    const body = parseBody(RegisterRequest, request.body);
    const clinic = await registerClinic(o.global, body);
    request.log.info(
      { reqId: request.id, clinicId: clinic.clinicId, region: clinic.region },
      'clinic registered',
    );
    return { clinicId: clinic.clinicId, region: clinic.region, releaseKeys: o.releaseKeys };
  });

  app.post('/v1/token', async (request) => {
    const body = parseBody(TokenRequest, request.body);
    const clinic = await verifyClinicProof(o.global, body);
    return {
      accessToken: await issueAccessToken(o.keys.signingKey(), clinic, ttl),
      expiresIn: ttl,
    };
  });
}
