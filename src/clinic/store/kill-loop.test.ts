/**
 * Crash safety: a child process writing consults is killed with SIGKILL at random moments; after
 * each kill the database passes its integrity check and holds every consult whose save was
 * acknowledged. Needs the compiled build (`npm test` builds first).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkIntegrity, openClinicDatabase } from './database.js';

const CHILD = fileURLToPath(new URL('./test-helpers/consult-writer.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/clinic/store/database.js', import.meta.url));
const ROUNDS = 50;
const dir = mkdtempSync(join(tmpdir(), 'medassist-kill-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function runAndKill(
  dbPath: string,
  key: Buffer,
  startAt: number,
  killAfterMs: number,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbPath, key.toString('hex'), String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('ACK ')) continue;
        // The kill timer starts at the first acknowledged save, so every round writes, and the
        // kill lands at a random moment of the saves that follow.
        if (acked.length === 0) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        acked.push(line.split(' ')[1] ?? '');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

test(
  `after ${ROUNDS} kill -9 of a writer, integrity holds and every acknowledged consult is saved`,
  {
    skip: existsSync(BUILT) ? false : 'needs the compiled build: run npm run build (npm test does)',
    timeout: 240_000,
  },
  async () => {
    const key = randomBytes(32);
    const dbPath = join(dir, 'clinic.db');
    openClinicDatabase(dbPath, key).close();
    const acknowledged = new Set<string>();
    let next = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Kill 0-50 ms after the first save: most kills land mid-transaction.
      const acked = await runAndKill(dbPath, key, next, Math.floor(Math.random() * 50));
      for (const id of acked) acknowledged.add(id);
      next += 10_000;
      const db = openClinicDatabase(dbPath, key);
      try {
        assert.equal(checkIntegrity(db, true), 'ok', `round ${round}`);
        const saved = new Set(
          (db.prepare('SELECT case_ref FROM encounters').all() as { case_ref: string }[]).map(
            (r) => r.case_ref,
          ),
        );
        const lost = [...acknowledged].filter((id) => !saved.has(id));
        assert.deepEqual(lost, [], `round ${round}: acknowledged consults missing`);
        const outbox = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
        assert.equal(outbox, saved.size, 'every encounter has its outbox entry (same transaction)');
      } finally {
        db.close();
      }
    }
    assert.ok(acknowledged.size >= ROUNDS, `every round wrote [${acknowledged.size}]`);
  },
);
