/**
 * Starts and talks to one llama.cpp host process (llama-host.ts). Requests are matched to
 * replies by id; if the process dies, every pending request fails at once instead of hanging.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MedAssistError } from '../../shared/errors.js';
import { ENGINE_ERRORS } from '../types.js';
import type { HostLoadOptions, HostReply, HostRequest, HostStats } from './host-messages.js';

type Done = Extract<HostReply, { t: 'done' }>;
type Waiter = { resolve(r: Done): void; reject(e: Error): void };

/**
 * The host script: next to this file when compiled (dist/inference/llama), one folder over
 * from the bundle (dist/bin), or the TypeScript source when run through tsx (tests).
 */
function hostEntry(): { file: string; execArgv: string[] } {
  for (const rel of ['./llama-host.js', '../inference/llama/llama-host.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return { file, execArgv: [] };
  }
  const file = fileURLToPath(new URL('./llama-host.ts', import.meta.url));
  return { file, execArgv: ['--import', import.meta.resolve('tsx')] };
}

export class HostProcess {
  private readonly child: ChildProcess;
  private readonly waiters = new Map<number, Waiter>();
  private readonly exited: Promise<void>;
  private statsWaiter: ((s: HostStats) => void) | null = null;
  private stderrTail = '';
  name = '';

  constructor() {
    const { file, execArgv } = hostEntry();
    this.child = fork(file, [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-2000);
    });
    this.child.on('message', (m: HostReply) => this.onReply(m));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    void this.exited.then(() => this.failAll('the model process exited'));
  }

  get pid() {
    return this.child.pid;
  }

  private onReply(m: HostReply): void {
    if (m.t === 'stats')
      this.statsWaiter?.({ pid: m.pid, rssBytes: m.rssBytes, peakRssBytes: m.peakRssBytes });
    if (m.t !== 'done' && m.t !== 'failed') return;
    const w = this.waiters.get(m.id);
    this.waiters.delete(m.id);
    if (m.t === 'done') w?.resolve(m);
    else w?.reject(new MedAssistError(m.code, `model request failed: ${m.message}`));
  }

  private failAll(why: string): void {
    const error = new MedAssistError('MODEL_FAILED', why, { details: { stderr: this.stderrTail } });
    this.waiters.forEach((w) => w.reject(error));
    this.waiters.clear();
  }

  private send(m: HostRequest): void {
    if (this.child.connected) this.child.send(m);
  }

  load(o: HostLoadOptions): Promise<number> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: HostReply) => {
        if (m.t !== 'loaded' && m.t !== 'load-failed') return;
        this.child.off('message', onMessage);
        if (m.t === 'loaded') {
          this.name = m.name;
          return resolve(m.ms);
        }
        reject(
          new MedAssistError(
            ENGINE_ERRORS.loadFailed,
            `model cannot be loaded [${o.modelPath}]: ${m.message}`,
          ),
        );
      };
      this.child.on('message', onMessage);
      void this.exited.then(() =>
        reject(
          new MedAssistError(ENGINE_ERRORS.loadFailed, 'the model process exited while loading'),
        ),
      );
      this.send({ t: 'load', ...o });
    });
  }

  complete(req: Omit<Extract<HostRequest, { t: 'complete' }>, 't'>): Promise<Done> {
    return new Promise((resolve, reject) => {
      this.waiters.set(req.id, { resolve, reject });
      this.send({ t: 'complete', ...req });
    });
  }

  /** Stops a generation; the host stays up and takes the next request. */
  abort(id: number): void {
    this.waiters.delete(id);
    this.send({ t: 'abort', id });
  }

  stats(): Promise<HostStats> {
    return new Promise((resolve) => {
      this.statsWaiter = resolve;
      this.send({ t: 'stats' });
    });
  }

  /** Asks the host to free the model and exit; waits for it, bounded. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.send({ t: 'unload' });
    const timer = setTimeout(() => this.child.kill(), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
