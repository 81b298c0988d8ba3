/**
 * Registration: gives the clinic its cloud identity. A fresh Ed25519 key pair is made (the
 * private key stays in the encrypted database), the public key goes to POST /v1/register with
 * the enrolment token, and the coordinator's answer (clinic id, region, release keys) is saved
 * in config.json with the URLs. Access tokens are fetched later, per sync.
 */
import { RegisterResponse } from '../../protocol/v1.js';
import { InputError } from '../../shared/errors.js';
import type { OpenClinic } from '../clinic.js';
import { readConfig, writeConfig, type ClinicConfig } from '../config.js';
import { assertStatus, parseReply, requestJson } from './http.js';
import { createIdentity } from './identity.js';
import type { TlsPaths } from '../../shared/tls/tls-files.js';
import { transportFor } from '../../shared/tls/transport.js';

export interface RegisterOptions {
  coordinatorUrl: string;
  enrolmentToken: string;
  region: string;
  edgeUrl?: string | undefined;
  timeoutMs?: number;
  /** TLS files (checked: `tlsPathsFromFlags`), used for registration and stored; absent:
   * those of an earlier registration stay. */
  tls?: TlsPaths | undefined;
}

export type SyncConfig = NonNullable<ClinicConfig['sync']>;

/** Checks a base URL given on the command line: http(s), no credentials, no query. */
export function parseBaseUrl(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError([{ field, message: `is not a URL [${value}]` }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError([{ field, message: `must be an http:// or https:// URL [${value}]` }]);
  if (url.username || url.password || url.search || url.hash)
    throw new InputError([
      { field, message: `must carry no credentials, query or fragment [${url.host}]` },
    ]);
  return url.toString().replace(/\/+$/, '');
}

function assertRegion(region: string): void {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/i.test(region))
    throw new InputError([
      { field: '--region', message: `letters, digits and dashes only [${region}]` },
    ]);
}

/** Registers the clinic and returns the saved sync configuration. */
export async function registerClinic(clinic: OpenClinic, o: RegisterOptions): Promise<SyncConfig> {
  const coordinatorUrl = parseBaseUrl('--coordinator', o.coordinatorUrl);
  const edgeUrl = o.edgeUrl === undefined ? undefined : parseBaseUrl('--edge', o.edgeUrl);
  assertRegion(o.region);
  if (o.enrolmentToken.length < 8)
    throw new InputError([
      { field: '--token', message: 'an enrolment token has at least 8 characters []' },
    ]);

  const tls = o.tls ?? readConfig(clinic.home).sync?.tls;
  const { publicKey } = createIdentity(clinic.store.db);
  const url = `${coordinatorUrl}/v1/register`;
  const reply = await requestJson({
    method: 'POST',
    url,
    body: {
      enrolmentToken: o.enrolmentToken,
      region: o.region,
      publicKey,
      ...(clinic.config.name ? { clinicName: clinic.config.name.slice(0, 120) } : {}),
    },
    timeoutMs: o.timeoutMs ?? 15_000,
    fetch: transportFor(tls).fetch,
  });
  assertStatus(reply, url);
  const registered = parseReply(RegisterResponse, reply, url);

  const sync: SyncConfig = {
    coordinatorUrl,
    ...(edgeUrl ? { edgeUrl } : {}),
    clinicId: registered.clinicId,
    region: registered.region,
    releaseKeys: registered.releaseKeys,
    registeredAt: new Date().toISOString(),
    ...(tls ? { tls } : {}),
  };
  // Re-read: another command may have changed the file since this clinic was opened.
  const config = { ...readConfig(clinic.home), sync };
  writeConfig(clinic.home, config);
  clinic.config = config;
  return sync;
}
