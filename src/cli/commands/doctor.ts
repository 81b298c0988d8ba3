/**
 * `medassist doctor`: checks and reports the clinic's health. Support staff may run it: it
 * shows system state only, never patient data.
 */
import { statfsSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Command } from 'commander';
import { lastBackupAge } from '../../clinic/backup/index.js';
import { checkIntegrity } from '../../clinic/store/database.js';
import { isHealthyKnowledgeDb, sha256File } from '../../clinic/knowledge-install.js';
import { knowledgeDbPath } from '../../clinic/paths.js';
import { withClinic } from '../clinic-context.js';

type Status = 'ok' | 'warn' | 'fail';

/** Full integrity check of the (unencrypted, read-only) knowledge database. */
function knowledgeIntegrity(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return checkIntegrity(db, true);
  } finally {
    db.close();
  }
}
interface Check {
  name: string;
  status: Status;
  detail: string;
}

const DAY = 86_400_000;
const LOW_DISK_BYTES = 1024 ** 3;

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the clinic: databases, knowledge base, model file, disk, last backup')
    .option('--key-file <file>', 'key file to unlock the clinic')
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: { keyFile?: string; format: string }) => {
      const checks = await withClinic(
        flags,
        async (clinic) => {
          const out: Check[] = [];
          const integrity = checkIntegrity(clinic.store.db, true);
          out.push({
            name: 'clinic database',
            status: integrity === 'ok' ? 'ok' : 'fail',
            detail: `integrity ${integrity}; encrypted; unlocked in ${Math.round(clinic.openedInMs)} ms`,
          });
          const kbPath = knowledgeDbPath(clinic.home);
          const kbOk = isHealthyKnowledgeDb(kbPath) && knowledgeIntegrity(kbPath) === 'ok';
          const kbSha = kbOk ? sha256File(kbPath) : '';
          const expected = clinic.config.knowledge?.sha256;
          const repaired =
            clinic.knowledge.status === 'repaired'
              ? ` (repaired from ${clinic.knowledge.from} at start)`
              : '';
          out.push({
            name: 'knowledge database',
            status: !kbOk ? 'fail' : expected !== undefined && expected !== kbSha ? 'warn' : 'ok',
            detail: kbOk
              ? `integrity ok; version ${kbSha.slice(0, 12)}, sha256 ${kbSha}${repaired}`
              : 'missing or damaged',
          });
          const m = clinic.model;
          out.push({
            name: 'model file',
            status: m.status === 'disabled' ? 'warn' : 'ok',
            detail:
              m.status === 'none'
                ? 'none configured (guidelines only)'
                : m.status === 'disabled'
                  ? m.message
                  : `${m.status}: ${m.path}`,
          });
          const fs = statfsSync(clinic.home);
          const free = fs.bavail * fs.bsize;
          out.push({
            name: 'free disk',
            status: free < LOW_DISK_BYTES ? 'warn' : 'ok',
            detail: `${(free / 1024 ** 3).toFixed(1)} GiB free`,
          });
          const age = await lastBackupAge(clinic.home);
          out.push({
            name: 'last backup',
            status: age === null || age.ageMs > 2 * DAY ? 'warn' : 'ok',
            detail:
              age === null
                ? 'never'
                : `${(age.ageMs / DAY).toFixed(1)} days ago (${age.lastSuccessAt})`,
          });
          out.push({
            name: 'records',
            status: 'ok',
            detail: `${clinic.store.countEncounters()} encounters, ${clinic.store.pendingOutbox()} waiting to sync`,
          });
          return out;
        },
        true,
      );
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ checks }, null, 2)}\n`);
      else
        for (const c of checks)
          process.stdout.write(`${c.status.toUpperCase().padEnd(4)} ${c.name}: ${c.detail}\n`);
      if (checks.some((c) => c.status === 'fail')) process.exitCode = 1;
    });
}
