/**
 * `medassist setup`: creates a clinic under MEDASSIST_HOME (encrypted database, first admin,
 * knowledge base). Interactive on a terminal; `--non-interactive` for scripted installs, with
 * the passphrase from MEDASSIST_PASSPHRASE or a key file.
 */
import type { Command } from 'commander';
import { createUser } from '../../clinic/auth/index.js';
import { setupClinic } from '../../clinic/clinic.js';
import { writeConfig } from '../../clinic/config.js';
import { detectHardware } from '../../inference/local-model.js';
import { isTierId, proposeTier, threadsFor, TIER_IDS, TIERS } from '../../inference/tiers.js';
import { InputError } from '../../shared/errors.js';
import { BUNDLED_KB, home } from '../context.js';
import { ask, canPrompt } from '../prompt.js';

interface SetupFlags {
  nonInteractive?: boolean;
  adminName?: string;
  adminPin?: string;
  keyFile?: string;
  name?: string;
  tz?: string;
  tier?: string;
}

async function gather(flags: SetupFlags) {
  let passphrase = process.env.MEDASSIST_PASSPHRASE;
  let { adminName, adminPin } = flags;
  if (!flags.nonInteractive) {
    if (!canPrompt())
      throw new InputError([
        {
          field: '--non-interactive',
          message:
            'no terminal to ask on: give --non-interactive with --admin-name and --admin-pin',
        },
      ]);
    if (passphrase === undefined && flags.keyFile === undefined) {
      passphrase = await ask('Clinic passphrase (10 characters or more): ', true);
      if ((await ask('Repeat the passphrase: ', true)) !== passphrase)
        throw new InputError([{ field: 'passphrase', message: 'the two entries differ' }]);
    }
    adminName ??= await ask('First admin user name: ');
    adminPin ??= await ask('Admin PIN (4-8 digits): ', true);
  }
  if (!adminName) throw new InputError([{ field: '--admin-name', message: 'is required []' }]);
  if (!adminPin) throw new InputError([{ field: '--admin-pin', message: 'is required []' }]);
  if (passphrase === undefined && flags.keyFile === undefined) {
    throw new InputError([
      { field: 'MEDASSIST_PASSPHRASE', message: 'set it, or give --key-file FILE' },
    ]);
  }
  return { passphrase, adminName, adminPin };
}

/** The tier given, or the one this machine's RAM and cores suggest (issue 5, "Tiers"). */
function chooseTier(given: string | undefined) {
  const hw = detectHardware();
  if (given !== undefined && !isTierId(given))
    throw new InputError([
      { field: '--tier', message: `is not one of ${TIER_IDS.join(', ')} [${given}]` },
    ]);
  const tier = given === undefined ? proposeTier(hw) : TIERS[given];
  const gib = (hw.totalMemBytes / 1024 ** 3).toFixed(1);
  const how = given === undefined ? 'proposed' : 'chosen';
  const threads = threadsFor(tier, hw.cores);
  const line = `${gib} GiB, ${hw.cores} cores: tier ${tier.id} (${how}; ${tier.model} model, ${threads} threads)`;
  return { tier, line };
}

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description(
      'create a clinic under MEDASSIST_HOME: encrypted records, first admin, knowledge base',
    )
    .option('--non-interactive', 'take everything from flags and the environment')
    .option('--admin-name <name>', 'first admin user')
    .option('--admin-pin <pin>', 'PIN of the first admin (4-8 digits)')
    .option('--key-file <file>', 'key file for unattended start (created when missing)')
    .option('--name <name>', 'clinic name')
    .option('--tz <zone>', 'clinic time zone (default: MEDASSIST_TZ or the system zone)')
    .option('--tier <tier>', `hardware tier (${TIER_IDS.join(', ')}); default: proposed from RAM`)
    .action(async (flags: SetupFlags) => {
      const tier = chooseTier(flags.tier);
      const { passphrase, adminName, adminPin } = await gather(flags);
      const timeZone =
        flags.tz ?? process.env.MEDASSIST_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      const h = home();
      const clinic = setupClinic(h, {
        secrets: {
          ...(passphrase === undefined ? {} : { passphrase }),
          ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
        },
        createKeyFile: true,
        timeZone,
        bundledKb: BUNDLED_KB,
        ...(flags.name ? { name: flags.name } : {}),
      });
      writeConfig(h, { ...clinic.config, model: { ...clinic.config.model, tier: tier.tier.id } });
      try {
        const admin = await createUser(clinic.store.db, {
          name: adminName,
          role: 'admin',
          pin: adminPin,
        });
        process.stdout.write(
          [
            `clinic set up in ${h}`,
            `local clinic id: ${clinic.config.clinicId} (the cloud gives another at register)`,
            `time zone: ${timeZone}`,
            `admin user: ${admin.name}`,
            `knowledge base: ${clinic.config.knowledge?.version ?? '-'}`,
            `hardware: ${tier.line}`,
            flags.keyFile
              ? `key file: ${flags.keyFile} (keep it safe; it unlocks the clinic)`
              : 'unlock: MEDASSIST_PASSPHRASE',
            '',
          ].join('\n'),
        );
      } finally {
        clinic.close();
      }
    });
}
