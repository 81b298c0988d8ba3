/**
 * A throwaway PostgreSQL for tests: initdb and pg_ctl from /usr/lib/postgresql/<v>/bin on a
 * free loopback port, data and unix socket in a tmp folder, as the `postgres` user when the
 * tests run as root (initdb refuses root). One server per test file, one database per test.
 * Without PostgreSQL it falls back to PGlite, unless MEDASSIST_TEST_PG=required (CI), where
 * absence is a failure.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  kind: 'postgres' | 'pglite';
  /** A new empty database; its URL (postgres://... or pglite:DIR). */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
  /** The postmaster's process id (PostgreSQL only), to account its CPU time. */
  postmasterPid(): number | null;
}

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
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

function runAs(asPostgres: boolean, file: string, args: string[]): void {
  const [cmd, argv] = asPostgres
    ? ['runuser', ['-u', 'postgres', '--', file, ...args]]
    : [file, args];
  execFileSync(cmd, argv, { stdio: 'pipe' });
}

async function startPostgres(bin: string, durable: boolean): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'medassist-pg-'));
  const asPostgres = userInfo().uid === 0;
  if (asPostgres) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  runAs(asPostgres, join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  // Tests trade durability for speed; a bench that quotes commit costs keeps the defaults
  // (fsync on, synchronous_commit on: a commit is on disk before the answer).
  const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`;
  runAs(asPostgres, join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    options,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  const base = `postgres://postgres@127.0.0.1:${port}`;

  return {
    kind: 'postgres',
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/g, '_')}"`);
      } finally {
        await client.end();
      }
      return `${base}/${name.replace(/[^a-z0-9_]/g, '_')}`;
    },
    postmasterPid() {
      const first = readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0];
      return first ? Number(first) : null;
    },
    stop() {
      runAs(asPostgres, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function startPglite(): TestPostgres {
  const dir = mkdtempSync(join(tmpdir(), 'medassist-pglite-'));
  return {
    kind: 'pglite',
    createDatabase: (name) => Promise.resolve(`pglite:${join(dir, name)}`),
    postmasterPid: () => null,
    stop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

/** Starts PostgreSQL when installed, else PGlite (a failure when MEDASSIST_TEST_PG=required). */
/** `durable`: PostgreSQL's own durability settings instead of the fast test ones. */
export async function startTestPostgres(o: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = findBinDir();
  if (bin) return startPostgres(bin, o.durable ?? false);
  if (process.env.MEDASSIST_TEST_PG === 'required') {
    throw new Error('MEDASSIST_TEST_PG=required but no initdb/pg_ctl under /usr/lib/postgresql');
  }
  return startPglite();
}
