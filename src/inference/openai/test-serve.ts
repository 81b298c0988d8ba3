/**
 * Starts `medassist model serve` as a real process for tests: the CLI from source (through
 * tsx), the real llama.cpp engine, on a free loopback port. Threads are 1 (2 shared cores).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const MAIN = new URL('../../cli/main.ts', import.meta.url).href;
/** An ES module for `node --eval` that runs the CLI from source with the arguments after it. */
export const CLI_RUN = `const { main } = await import(${JSON.stringify(MAIN)});
process.exitCode = await main(['node', 'medassist', ...process.argv.slice(1)]);`;

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startModelServe(modelPath: string, extra: string[] = []) {
  const args = ['model', 'serve', '--model', modelPath, '--port', '0', '--threads', '1'];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', CLI_RUN, ...args, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`model serve did not start: ${err}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`model serve exited [${code}]: ${err}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    return code;
  };

  return { url, child, stop } satisfies ServeProcess;
}
