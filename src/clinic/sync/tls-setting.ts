/**
 * Setting and showing the clinic's TLS files after registration (`medassist sync tls`,
 * `medassist sync status`). The client certificate's CN is the clinic id, which the operator
 * may learn only from `medassist register`; so the files can be set, changed or cleared later.
 */
import type { OpenClinic } from '../clinic.js';
import { readConfig, writeConfig } from '../config.js';
import { syncConfigOf } from './run-sync.js';
import {
  describeClientCertificate,
  type ClientCertificateView,
  type TlsPaths,
} from '../../shared/tls/tls-files.js';

/** Stores checked paths (`tlsPathsFromFlags`), or removes them all with null. */
export function setSyncTls(clinic: OpenClinic, paths: TlsPaths | null): void {
  const sync = syncConfigOf(clinic);
  const next: typeof sync = { ...sync };
  if (paths === null) delete next.tls;
  else next.tls = paths;
  // Re-read: another command may have changed the file since this clinic was opened.
  const config = { ...readConfig(clinic.home), sync: next };
  writeConfig(clinic.home, config);
  clinic.config = config;
}

export interface SyncTlsView {
  ca: string | null;
  /** The client certificate's path, subject CN and expiry (never the key). */
  clientCertificate: (ClientCertificateView & { path: string }) | null;
  /** Why the certificate could not be read, when it could not. */
  problem: string | null;
}

export function describeSyncTls(clinic: OpenClinic): SyncTlsView {
  let tls: TlsPaths | undefined;
  try {
    tls = readConfig(clinic.home).sync?.tls;
  } catch {
    tls = clinic.config.sync?.tls;
  }
  const ca = tls?.ca ?? null;
  if (tls?.cert === undefined) return { ca, clientCertificate: null, problem: null };
  try {
    const view = describeClientCertificate(tls.cert);
    return { ca, clientCertificate: { path: tls.cert, ...view }, problem: null };
  } catch (error) {
    return { ca, clientCertificate: null, problem: (error as Error).message };
  }
}
