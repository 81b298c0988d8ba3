/**
 * `medassist sync tls [--ca FILE] [--client-cert FILE --client-key FILE] [--clear]` (admin
 * only, like register): the TLS files of every request to the cloud and edge, and the lines
 * `sync status` shows of them (the certificate's CN and expiry, never the key).
 */
import type { Command } from 'commander';
import type { OpenClinic } from '../../clinic/clinic.js';
import { tlsPathsFromFlags } from '../../shared/tls/tls-files.js';
import { describeSyncTls, setSyncTls, type SyncTlsView } from '../../clinic/sync/tls-setting.js';
import { InputError } from '../../shared/errors.js';
import { withClinic } from '../clinic-context.js';
import { authorizeSync } from './sync-auth.js';

export interface TlsFlags {
  ca?: string;
  clientCert?: string;
  clientKey?: string;
}

interface SyncTlsFlags extends TlsFlags {
  clear?: boolean;
  json?: boolean;
  keyFile?: string;
}

/** Adds the three file flags to a command (register, sync tls). */
export function withTlsOptions(command: Command): Command {
  return command
    .option('--ca <file>', 'CA (PEM) that signed the coordinator and edge certificates')
    .option('--client-cert <file>', 'client certificate (PEM, CN = clinic id) for mutual TLS')
    .option('--client-key <file>', 'its private key (PEM, mode 600)');
}

export function tlsStatusLines(view: SyncTlsView): string[] {
  const cert = view.clientCertificate;
  return [
    `tls ca: ${view.ca ?? 'system CAs'}`,
    cert
      ? `client certificate: CN=${cert.subjectCn ?? '(none)'}, ` +
        `${cert.expired ? 'EXPIRED' : 'expires'} ${cert.validTo}`
      : `client certificate: ${view.problem ?? 'none'}`,
  ];
}

function setTls(clinic: OpenClinic, flags: SyncTlsFlags): void {
  authorizeSync(clinic, 'sync.register');
  const paths = tlsPathsFromFlags(flags);
  if (flags.clear && paths)
    throw new InputError([{ field: '--clear', message: 'takes no files with it [--clear]' }]);
  if (!flags.clear && !paths)
    throw new InputError([
      { field: '--ca', message: 'give --ca, --client-cert with --client-key, or --clear []' },
    ]);
  setSyncTls(clinic, paths);
  const view = describeSyncTls(clinic);
  process.stdout.write(
    flags.json ? `${JSON.stringify(view)}\n` : `${tlsStatusLines(view).join('\n')}\n`,
  );
}

export function registerSyncTlsCommand(sync: Command): void {
  withTlsOptions(
    sync
      .command('tls')
      .description('set or clear the TLS files of sync (private CA, client certificate) (admin)'),
  )
    .option('--clear', 'remove every TLS file setting: system CAs, no client certificate')
    .option('--json', 'print the result as JSON')
    .option('--key-file <file>', 'key file to unlock the clinic')
    .action(async (flags: SyncTlsFlags) => withClinic(flags, (clinic) => setTls(clinic, flags)));
}
