/**
 * A throwaway PostgreSQL for tests: initdb and pg_ctl as the postgres user on a free loopback
 * port, removed afterwards. `null` when this machine cannot run one (no binaries, no postgres
 * user, not root), so tests skip with that reason and use PGlite elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  readonly url: string;
  stop(): void;
}

const run = (args: string) => execFileSync('su', ['postgres', '-c', args], { stdio: 'pipe' });

function postgresUid(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    execFileSync('which', ['initdb', 'pg_ctl'], { stdio: 'pipe' });
    return process.getuid?.() === 0 ? { uid, gid } : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Why a real PostgreSQL cannot start here, or null when it can. */
export const postgresUnavailable = (): string | null =>
  postgresUid() === null ? 'needs root, a postgres user and initdb/pg_ctl on PATH' : null;

export async function startTestPostgres(): Promise<TestPostgres> {
  const owner = postgresUid();
  if (owner === null) throw new Error(postgresUnavailable() ?? 'no postgres');
  const dir = mkdtempSync(join(tmpdir(), 'medassist-pg-'));
  chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  run(`initdb -D ${data} -A trust -U postgres --no-sync >/dev/null`);
  run(
    `pg_ctl -D ${data} -w -l ${dir}/log -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null`,
  );

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run(`pg_ctl -D ${data} -m immediate stop >/dev/null`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
