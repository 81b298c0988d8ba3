/**
 * `medassist login`, `logout`, `users ...`, `audit`, `passphrase change`. Every administrative
 * act and every refusal is written to the audit log.
 */
import type { Command } from 'commander';
import { appendAudit, readAudit, verifyAuditChain } from '../../clinic/audit/index.js';
import {
  assertCan,
  can,
  createUser,
  disableUser,
  findUserByName,
  isRole,
  listUsers,
  login,
  logout,
  ROLES,
  type Action,
  type Session,
} from '../../clinic/auth/index.js';
import type { OpenClinic } from '../../clinic/clinic.js';
import { rotateDataKey } from '../../clinic/keys/rotate.js';
import { InputError } from '../../shared/errors.js';
import {
  clearSession,
  readSessionToken,
  requireSession,
  saveSessionToken,
  withClinic,
} from '../clinic-context.js';
import { ask, canPrompt } from '../prompt.js';

async function pinFrom(): Promise<string> {
  const pin = process.env.MEDASSIST_PIN;
  if (pin !== undefined) return pin;
  if (!canPrompt()) {
    throw new InputError([
      { field: 'PIN', message: 'give it in MEDASSIST_PIN (no terminal to ask on)' },
    ]);
  }
  return ask('PIN: ', true);
}

/** The signed-in user, checked for `action`; a refusal is audited before it is thrown. */
function authorize(clinic: OpenClinic, action: Action): Session {
  const session = requireSession(clinic);
  if (!can(session.role, action)) {
    appendAudit(clinic.store.db, {
      at: new Date(),
      userId: session.userId,
      role: session.role,
      action,
      outcome: 'denied',
    });
  }
  assertCan(session, action);
  return session;
}

function record(
  clinic: OpenClinic,
  actor: Session,
  action: Action,
  entityType: string,
  entityId: string | null,
  detail?: string,
): void {
  appendAudit(clinic.store.db, {
    at: new Date(),
    userId: actor.userId,
    role: actor.role,
    action,
    entityType,
    ...(entityId === null ? {} : { entityId }),
    outcome: 'ok',
    ...(detail ? { detail } : {}),
  });
}

const keyFile = ['--key-file <file>', 'key file to unlock the clinic'] as const;

function registerSessionCommands(program: Command): void {
  program
    .command('login')
    .description('sign in with user name and PIN (PIN from MEDASSIST_PIN or a prompt)')
    .requiredOption('--user <name>', 'user name')
    .option(...keyFile)
    .action(async (flags: { user: string; keyFile?: string }) => {
      const pin = await pinFrom();
      await withClinic(flags, async (clinic) => {
        // Whatever happens next, the previous user is signed out first.
        clearSession(clinic.home);
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
}

function registerUserAdmin(program: Command): void {
  const users = program.command('users').description('manage users (admin)');
  users
    .command('add')
    .requiredOption('--name <name>', 'user name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option(
      '--pin <pin>',
      'PIN (else MEDASSIST_NEW_PIN or a prompt; a flag is visible to other processes)',
    )
    .option(...keyFile)
    .action(async (flags: { name: string; role: string; pin?: string; keyFile?: string }) => {
      if (!isRole(flags.role)) {
        throw new InputError([
          { field: '--role', message: `must be one of ${ROLES.join(', ')} [${flags.role}]` },
        ]);
      }
      const role = flags.role;
      const pin = flags.pin ?? process.env.MEDASSIST_NEW_PIN ?? (await pinFrom());
      await withClinic(flags, async (clinic) => {
        const actor = authorize(clinic, 'user.manage');
        const user = await createUser(clinic.store.db, { name: flags.name, role, pin });
        record(clinic, actor, 'user.manage', 'user', user.id, 'created');
        process.stdout.write(`user ${user.name} (${user.role}) created\n`);
      });
    });
  users
    .command('list')
    .option(...keyFile)
    .action(async (flags: { keyFile?: string }) => {
      await withClinic(flags, (clinic) => {
        const actor = authorize(clinic, 'user.manage');
        record(clinic, actor, 'user.manage', 'user', null, 'listed');
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
        const actor = authorize(clinic, 'user.manage');
        const user = findUserByName(clinic.store.db, name);
        if (!user) throw new InputError([{ field: 'name', message: `no such user [${name}]` }]);
        disableUser(clinic.store.db, user.id);
        record(clinic, actor, 'user.manage', 'user', user.id, 'disabled');
        process.stdout.write(`user ${user.name} disabled\n`);
      });
    });
}

function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('the newest rows of the audit log (who, when, what; never clinical content)')
    .option('--limit <n>', 'rows (1-1000)', '50')
    .option(...keyFile)
    .action(async (flags: { limit: string; keyFile?: string }) => {
      await withClinic(flags, (clinic) => {
        const actor = authorize(clinic, 'audit.read');
        record(clinic, actor, 'audit.read', 'audit', null);
        const db = clinic.store.db;
        const chain = verifyAuditChain(db);
        if (!/^\d+$/.test(flags.limit) || Number(flags.limit) < 1 || Number(flags.limit) > 1000) {
          throw new InputError([
            { field: '--limit', message: `must be a whole number from 1 to 1000 [${flags.limit}]` },
          ]);
        }
        const limit = Number(flags.limit);
        const last =
          (db.prepare('SELECT max(seq) AS m FROM audit_log').get() as { m: number | null }).m ?? 0;
        for (const r of readAudit(db, { afterSeq: Math.max(0, last - limit), limit })) {
          const cells = [
            r.seq,
            r.at,
            r.userId ?? '-',
            r.role ?? '-',
            r.action,
            r.entityType ?? '',
            r.entityId ?? '',
            r.outcome,
          ];
          process.stdout.write(`${cells.join('\t')}\n`);
        }
        process.stdout.write(
          chain.ok
            ? `audit chain intact (${chain.rows} rows)\n`
            : `AUDIT CHAIN BROKEN at row ${chain.seq}: ${chain.reason}\n`,
        );
        if (!chain.ok) process.exitCode = 1;
      });
    });
}

function registerPassphraseCommand(program: Command): void {
  program
    .command('passphrase')
    .description(
      'change the clinic passphrase (admin) and the data key with it; MEDASSIST_PASSPHRASE is the current one',
    )
    .argument('<action>', 'change')
    .option(...keyFile)
    .action(async (action: string, flags: { keyFile?: string }) => {
      if (action !== 'change')
        throw new InputError([{ field: 'action', message: `only "change" is known [${action}]` }]);
      const next =
        process.env.MEDASSIST_NEW_PASSPHRASE ??
        (canPrompt() ? await ask('New passphrase: ', true) : undefined);
      if (next === undefined) {
        throw new InputError([
          { field: 'MEDASSIST_NEW_PASSPHRASE', message: 'is required (no terminal to ask on)' },
        ]);
      }
      await withClinic(flags, (clinic) => {
        const actor = authorize(clinic, 'config.manage');
        rotateDataKey(clinic, next);
        record(clinic, actor, 'config.manage', 'keyring', null, 'rekeyed');
        process.stdout.write(
          'passphrase changed and data re-encrypted with a new key; old copies of the keyring no longer open it\n',
        );
      });
    });
}

export function registerUserCommands(program: Command): void {
  registerSessionCommands(program);
  registerUserAdmin(program);
  registerAuditCommand(program);
  registerPassphraseCommand(program);
}
