/**
 * `node bin/medassist.js cloud serve` as a child process on a free loopback port, for the
 * kill -9 tests and the sync bench: resolves with the child and its URL once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServeOptions {
  /** Sets DATABASE_URL for the child (else it inherits the environment's). */
  databaseUrl?: string;
  /** Node flags before the script, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Collects the child's standard output in this file (e.g. for `--trace-deopt`). */
  outputFile?: string;
  /** Where the child's standard error goes (default: nowhere). */
  stderr?: 'ignore' | 'inherit';
}

export function serveCoordinator(
  o: ServeOptions = {},
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    [...(o.nodeArgs ?? []), 'bin/medassist.js', 'cloud', 'serve', '--port', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}) },
      stdio: ['ignore', 'pipe', o.stderr ?? 'ignore'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (o.outputFile) appendFileSync(o.outputFile, chunk);
      out += chunk.toString();
      const match = /listening on (https?:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve({ child, base: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`coordinator exited early [${code}]`)));
  });
}

/** SIGTERM, then the exit (a profile or a last log line is written on the way out). */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
