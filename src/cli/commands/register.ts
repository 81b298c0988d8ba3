/**
 * `medassist register --coordinator URL --token ENROLMENT_TOKEN --region R [--edge URL]
 * [--ca FILE] [--client-cert FILE --client-key FILE]`: gives the clinic its cloud identity
 * (admin only; sync/register.ts); the TLS files are used for registration and kept.
 */
import type { Command } from 'commander';
import { registerClinic } from '../../clinic/sync/register.js';
import { tlsPathsFromFlags } from '../../shared/tls/tls-files.js';
import { withClinic } from '../clinic-context.js';
import { authorizeSync } from './sync-auth.js';
import { withTlsOptions, type TlsFlags } from './sync-tls.js';

interface RegisterFlags extends TlsFlags {
  coordinator: string;
  token: string;
  region: string;
  edge?: string;
  keyFile?: string;
  json?: boolean;
}

export function registerRegisterCommand(program: Command): void {
  withTlsOptions(program.command('register'))
    .description('register this clinic with the cloud coordinator (admin)')
    .requiredOption('--coordinator <url>', 'base URL of the coordinator')
    .requiredOption('--token <token>', 'enrolment token given by the coordinator operator')
    .requiredOption(
      '--region <region>',
      'region (shard) of this clinic: the one its enrolment token was made for',
    )
    .option('--edge <url>', 'base URL of the regional edge, tried before the cloud')
    .option('--key-file <file>', 'key file to unlock the clinic')
    .option('--json', 'print the result as JSON')
    .action(async (flags: RegisterFlags) => {
      await withClinic(flags, async (clinic) => {
        authorizeSync(clinic, 'sync.register');
        const tls = tlsPathsFromFlags(flags);
        const sync = await registerClinic(clinic, {
          coordinatorUrl: flags.coordinator,
          enrolmentToken: flags.token,
          region: flags.region,
          ...(flags.edge === undefined ? {} : { edgeUrl: flags.edge }),
          ...(tls ? { tls } : {}),
        });
        const keys = Object.keys(sync.releaseKeys).length;
        process.stdout.write(
          flags.json
            ? `${JSON.stringify({ clinicId: sync.clinicId, region: sync.region, releaseKeys: keys })}\n`
            : `registered as clinic ${sync.clinicId} in region ${sync.region} (${keys} release ${keys === 1 ? 'key' : 'keys'})\n`,
        );
        if (keys === 0)
          process.stderr.write(
            'warning: the coordinator gave no release keys, so no knowledge update can be verified: ' +
              'start it with --release-keys (kb keygen --keys-json) before registering clinics\n',
          );
      });
    });
}
