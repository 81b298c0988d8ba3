/**
 * `medassist login`, `logout`, `users ...`, `audit`, `passphrase change`.
 */
import type { Command } from 'commander';
import { changePassphrase } from '../../clinic/keys/keyring.js';
import { readKeyring, writeKeyring } from '../../clinic/keys/key-store.js';
import { readAudit, verifyAuditChain } from '../../clinic/audit/index.js';
import {
  assertCan,
  createUser,
  disableUser,
  findUserByName,
  isRole,
  listUsers,
  login,
  logout,
  ROLES,
} from '../../clinic/auth/index.js';
import { InputError } from '../../shared/errors.js';
import {
  clearSession,
  readSessionToken,
  requireSession,
  saveSessionToken,
  withClinic,
} from '../clinic-context.js';
import { ask, canPrompt } from '../prompt.js';

async function pinFrom(flag: string | undefined): Promise<string> {
  const pin = flag ?? process.env.MEDASSIST_PIN;
  if (pin !== undefined) return pin;
  if (!canPrompt())
    throw new InputError([
      { field: 'PIN', message: 'give it in MEDASSIST_PIN (no terminal to ask on)' },
    ]);
  return ask('PIN: ', true);
}

export function registerUserCommands(program: Command): void {
  const keyFile = ['--key-file <file>', 'key file to unlock the clinic'] as const;
  program
    .command('login')
    .description('sign in with user name and PIN (PIN from MEDASSIST_PIN or a prompt)')
    .requiredOption('--user <name>', 'user name')
    .option(...keyFile)
    .action(async (flags: { user: string; keyFile?: string }) => {
      const pin = await pinFrom(undefined);
      await withClinic(flags, async (clinic) => {
        const { session } = await login(clinic.store.db, { name: flags.user, pin });
        saveSessionToken(clinic.home, session.token);
        process.stdout.write(
          `signed in as ${session.name} (${session.role}) until ${session.expiresAt.toISOString()}\n`,
        );
      });
    });
  program
    .command('logout')
    .description('sign out')
    .option(...keyFile)
    .action(async (flags: { keyFile?: string }) => {
      await withClinic(flags, (clinic) => {
        const token = readSessionToken(clinic.home);
        if (token) logout(clinic.store.db, token);
        clearSession(clinic.home);
        process.stdout.write('signed out\n');
      });
    });

  const users = program.command('users').description('manage users (admin)');
  users
    .command('add')
    .requiredOption('--name <name>', 'user name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--pin <pin>', 'PIN (else MEDASSIST_NEW_PIN or a prompt)')
    .option(...keyFile)
    .action(async (flags: { name: string; role: string; pin?: string; keyFile?: string }) => {
      if (!isRole(flags.role))
        throw new InputError([
          { field: '--role', message: `must be one of ${ROLES.join(', ')} [${flags.role}]` },
        ]);
      const role = flags.role;
      const pin = flags.pin ?? process.env.MEDASSIST_NEW_PIN ?? (await pinFrom(undefined));
      await withClinic(flags, async (clinic) => {
        assertCan(requireSession(clinic), 'user.manage');
        const user = await createUser(clinic.store.db, { name: flags.name, role, pin });
        process.stdout.write(`user ${user.name} (${user.role}) created\n`);
      });
    });
  users
    .command('list')
    .option(...keyFile)
    .action(async (flags: { keyFile?: string }) => {
      await withClinic(flags, (clinic) => {
        assertCan(requireSession(clinic), 'user.manage');
        for (const u of listUsers(clinic.store.db)) {
          process.stdout.write(`${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
        }
      });
    });
  users
    .command('disable')
    .argument('<name>', 'user name')
    .option(...keyFile)
    .action(async (name: string, flags: { keyFile?: string }) => {
      await withClinic(flags, (clinic) => {
        assertCan(requireSession(clinic), 'user.manage');
        const user = findUserByName(clinic.store.db, name);
        if (!user) throw new InputError([{ field: 'name', message: `no such user [${name}]` }]);
        disableUser(clinic.store.db, user.id);
        process.stdout.write(`user ${user.name} disabled\n`);
      });
    });

  program
    .command('audit')
    .description('the audit log (who, when, what; never clinical content)')
    .option('--limit <n>', 'rows', '50')
    .option(...keyFile)
    .action(async (flags: { limit: string; keyFile?: string }) => {
      await withClinic(flags, (clinic) => {
        assertCan(requireSession(clinic), 'audit.read');
        const chain = verifyAuditChain(clinic.store.db);
        for (const r of readAudit(clinic.store.db, { limit: Number(flags.limit) })) {
          process.stdout.write(
            `${r.seq}\t${r.at}\t${r.role ?? '-'}\t${r.action}\t${r.entityType ?? ''}\t${r.entityId ?? ''}\t${r.outcome}\n`,
          );
        }
        process.stdout.write(
          chain.ok
            ? `audit chain intact (${chain.rows} rows)\n`
            : `AUDIT CHAIN BROKEN at row ${chain.seq}: ${chain.reason}\n`,
        );
        if (!chain.ok) process.exitCode = 1;
      });
    });

  program
    .command('passphrase')
    .description('change the clinic passphrase (admin): MEDASSIST_PASSPHRASE is the current one')
    .argument('<action>', 'change')
    .option(...keyFile)
    .action(async (action: string, flags: { keyFile?: string }) => {
      if (action !== 'change')
        throw new InputError([{ field: 'action', message: `only "change" is known [${action}]` }]);
      const next =
        process.env.MEDASSIST_NEW_PASSPHRASE ??
        (canPrompt() ? await ask('New passphrase: ', true) : undefined);
      if (next === undefined)
        throw new InputError([
          { field: 'MEDASSIST_NEW_PASSPHRASE', message: 'is required (no terminal to ask on)' },
        ]);
      await withClinic(flags, (clinic) => {
        assertCan(requireSession(clinic), 'config.manage');
        writeKeyring(clinic.home, changePassphrase(readKeyring(clinic.home), clinic.dataKey, next));
        process.stdout.write(
          'passphrase changed: the data key is re-wrapped; use the new passphrase from now on\n',
        );
      });
    });
}
