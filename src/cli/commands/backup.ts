/**
 * `medassist backup create --to DIR`, `backup verify FILE`, `backup restore FILE [--yes]`.
 * Thin: the work is in src/clinic/backup. A progress bar goes to stderr on a terminal only;
 * results go through the root program's output (see `write` in kb.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  confirm,
  createBackup,
  createProgressBar,
  endProgressLine,
  readBackupState,
  readPassphrase,
  restoreBackup,
  verifyBackup,
  writeBackupState,
  type BackupManifest,
} from '../../clinic/backup/index.js';
import { InputError } from '../../shared/errors.js';
import { write } from './kb.js';

export interface BackupCommandDeps {
  /** The clinic folder (MEDASSIST_HOME). */
  readonly home: () => string;
  /** Unlocks the clinic: its data key and the passphrase that unwrapped it. */
  readonly unlock: () => Promise<{ dataKey: Buffer; passphrase: string }>;
  /** Checks that the signed-in user may replace this clinic's data (an admin). */
  readonly authorizeRestore?: () => Promise<void>;
  /** Checks (and audits) that the signed-in user may verify backups, where a clinic exists. */
  readonly authorizeVerify?: () => Promise<void>;
}

export function registerBackupCommand(program: Command, deps: BackupCommandDeps): Command {
  const backup = program
    .command('backup')
    .description('encrypted backup and restore of this clinic');

  backup
    .command('create')
    .description('write one encrypted backup file into a folder (e.g. a USB drive)')
    .requiredOption('--to <dir>', 'folder to write the backup into')
    .action(async (options: { to: string }, command: Command) => {
      const { dataKey, passphrase } = await deps.unlock();
      const result = await withProgress((progress) =>
        createBackup({ homeDir: deps.home(), dataKey, passphrase, toDir: options.to, ...progress }),
      );
      await writeBackupState(deps.home(), {
        ...(await readBackupState(deps.home())),
        lastSuccessAt: new Date().toISOString(),
        file: result.file,
        bytes: result.bytes,
        sha256: result.sha256,
      });
      const names = result.members.map((member) => member.name).join(', ');
      write(
        command,
        lines([
          `backup written: ${result.file}`,
          `bytes: ${result.bytes}`,
          `members: ${names}`,
          `sha256: ${result.sha256}`,
        ]),
      );
    });

  backup
    .command('verify')
    .description('decrypt and check every chunk and member of a backup; writes nothing')
    .argument('<file>', 'backup file (.mab)')
    .action(async (file: string, _options: unknown, command: Command) => {
      await deps.authorizeVerify?.();
      const passphrase = await readPassphrase();
      const result = await withProgress((progress) =>
        verifyBackup(file, passphrase, progress.onProgress),
      );
      write(command, lines([`backup ok: ${file}`, ...describe(result.manifest)]));
    });

  backup
    .command('restore')
    .description('restore a backup into this clinic folder, replacing its data')
    .argument('<file>', 'backup file (.mab)')
    .option('--yes', 'replace an existing clinic without asking')
    .action(async (file: string, options: { yes?: boolean }, command: Command) => {
      const homeDir = deps.home();
      // Replacing a clinic's data is an admin's act; a fresh folder has no users yet.
      if (existsSync(join(homeDir, 'clinic.db'))) await deps.authorizeRestore?.();
      await assertMayReplace(homeDir, options.yes === true);
      const passphrase = await readPassphrase();
      const result = await withProgress((progress) =>
        restoreBackup(file, { homeDir, passphrase, ...progress }),
      );
      write(command, lines([`restored into: ${homeDir}`, ...describe(result.manifest)]));
    });

  return backup;
}

type ProgressOption = { onProgress?: NonNullable<ReturnType<typeof createProgressBar>> };

async function withProgress<T>(work: (progress: ProgressOption) => Promise<T>): Promise<T> {
  const bar = createProgressBar(process.stderr);
  try {
    return await work(bar ? { onProgress: bar } : {});
  } finally {
    if (bar) endProgressLine(process.stderr);
  }
}

/** Replacing a clinic needs `--yes`, or a typed `yes` on a terminal. */
async function assertMayReplace(homeDir: string, yes: boolean): Promise<void> {
  if (yes || !existsSync(join(homeDir, 'clinic.db'))) return;
  const question = `this replaces the clinic data in [${homeDir}]; type yes to go on: `;
  if (
    process.stdin.isTTY &&
    process.stderr.isTTY &&
    (await confirm(process.stdin, process.stderr, question))
  )
    return;
  throw new InputError([
    { field: '--yes', message: `the clinic in [${homeDir}] holds data; pass --yes to replace it` },
  ]);
}

function describe(manifest: BackupManifest): string[] {
  return [
    `created: ${manifest.created}`,
    `clinic: ${manifest.clinicId ?? '(none)'}`,
    `app version: ${manifest.appVersion}`,
    ...manifest.members.map((m) => `member: ${m.name} ${m.size} bytes sha256 ${m.sha256}`),
  ];
}

function lines(text: readonly string[]): string {
  return `${text.join('\n')}\n`;
}
