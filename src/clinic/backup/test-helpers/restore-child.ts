/**
 * Runs one restore in its own process so a test can kill it with SIGKILL. Usage:
 *   node --import tsx restore-child.ts <backup file> <clinic folder>
 * MEDASSIST_PASSPHRASE holds the passphrase; MEDASSIST_TEST_PAUSE_AT names a restore step at
 * which the child prints `paused <step>` and waits to be killed.
 */
import { restoreBackup } from '../restore-backup.js';

const [file, homeDir] = process.argv.slice(2);
if (file === undefined || homeDir === undefined)
  throw new Error('usage: restore-child <file> <home>');
const pauseAt = process.env.MEDASSIST_TEST_PAUSE_AT;

process.stdout.write('ready\n');
await restoreBackup(file, {
  homeDir,
  passphrase: process.env.MEDASSIST_PASSPHRASE ?? '',
  afterStep: async (step) => {
    if (step !== pauseAt) return;
    process.stdout.write(`paused ${step}\n`);
    // Keep the event loop alive until the parent's SIGKILL arrives.
    await new Promise(() => setInterval(() => undefined, 1000));
  },
});
process.stdout.write('done\n');
