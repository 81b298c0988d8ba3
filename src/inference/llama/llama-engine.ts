/**
 * The local engine: a ChatEngine backed by llama.cpp in a child process. It loads on first
 * use (after the memory guard agrees), stops a generation by signal or timeout without ever
 * killing its process for it, and unloads when idle if the tier says so.
 */
import { MedAssistError } from '../../shared/errors.js';
import { decideFit, estimateFootprint } from '../memory-guard.js';
import { ENGINE_ERRORS, type ChatEngine, type ChatRequest, type ChatResult } from '../types.js';
import type { HostStats } from './host-messages.js';
import { HostProcess } from './host-process.js';

export interface LlamaEngineOptions {
  modelPath: string;
  threads: number;
  contextSize?: number;
  batchSize?: number;
  useMmap?: boolean;
  /** Per request, on top of the caller's signal. */
  timeoutMs?: number;
  /** Unload after this long without a request; null or absent keeps the model loaded. */
  idleUnloadMs?: number | null;
  /** Keep the KV cache between requests (default); off only to measure what it saves. */
  prefixCache?: boolean;
  /** Memory the model may take; the guard refuses to load above it or above free memory. */
  budgetBytes?: number;
  freeBytes?: () => number;
}

/** What the last request cost, for the benchmark and the consult record. */
export interface LlamaTiming {
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  promptMs: number;
  generateMs: number;
  stopReason: string;
}

export interface LlamaEngine extends ChatEngine {
  readonly loaded: boolean;
  readonly lastTiming: LlamaTiming | null;
  /** Loads now instead of at the first request; resolves to the load time in ms. */
  load(): Promise<number>;
  unload(): Promise<void>;
  /** Memory of the engine process, null when nothing is loaded. */
  stats(): Promise<HostStats | null>;
}

const abortedError = (reason: 'timeout' | 'signal') =>
  new MedAssistError(ENGINE_ERRORS.aborted, `model generation stopped [${reason}]`, {
    details: { reason },
  });

class LocalLlamaEngine implements LlamaEngine {
  name: string;
  lastTiming: LlamaTiming | null = null;
  private host: HostProcess | null = null;
  private loading: Promise<number> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private inFlight = 0;
  private closed = false;

  constructor(private readonly o: LlamaEngineOptions) {
    this.name = `llama.cpp:${o.modelPath.split(/[\\/]/).pop() ?? 'model'}`;
  }

  get loaded() {
    return this.host !== null && this.loading === null;
  }

  private assertFits(): void {
    if (this.o.budgetBytes === undefined) return;
    const footprint = estimateFootprint(this.o.modelPath, this.o.contextSize ?? 2048);
    const limits = {
      budgetBytes: this.o.budgetBytes,
      ...(this.o.freeBytes ? { freeBytes: this.o.freeBytes() } : {}),
    };
    const fit = decideFit(footprint, limits);
    if (!fit.fits)
      throw new MedAssistError(ENGINE_ERRORS.doesNotFit, fit.notice, {
        details: { reason: fit.reason, needBytes: footprint.totalBytes },
      });
  }

  load(): Promise<number> {
    if (this.closed)
      return Promise.reject(new MedAssistError(ENGINE_ERRORS.closed, 'engine is closed'));
    if (this.host && !this.loading) return Promise.resolve(0);
    this.loading ??= this.startHost().finally(() => (this.loading = null));
    return this.loading;
  }

  private async startHost(): Promise<number> {
    this.assertFits();
    const host = new HostProcess();
    this.host = host;
    try {
      return await host.load({
        modelPath: this.o.modelPath,
        threads: this.o.threads,
        contextSize: this.o.contextSize ?? 2048,
        batchSize: this.o.batchSize ?? 512,
        useMmap: this.o.useMmap ?? true,
      });
    } catch (error) {
      this.host = null;
      await host.stop();
      throw error;
    }
  }

  async complete(req: ChatRequest): Promise<ChatResult> {
    const started = Date.now();
    this.inFlight++;
    this.clearIdle();
    try {
      await this.load();
      return await this.run(req, started);
    } finally {
      this.inFlight--;
      this.armIdle();
    }
  }

  private run(req: ChatRequest, started: number): Promise<ChatResult> {
    const host = this.host;
    if (!host) throw new MedAssistError(ENGINE_ERRORS.closed, 'engine is not loaded');
    const id = this.nextId++;
    const limit = req.timeoutMs ?? this.o.timeoutMs;
    const timeout = limit === undefined ? null : AbortSignal.timeout(limit);
    const signals = [req.signal, timeout].filter((s): s is AbortSignal => s != null);
    const signal = AbortSignal.any(signals);
    if (signal.aborted)
      return Promise.reject(abortedError(timeout?.aborted ? 'timeout' : 'signal'));

    return new Promise<ChatResult>((resolve, reject) => {
      const onAbort = () => {
        host.abort(id);
        reject(abortedError(timeout?.aborted ? 'timeout' : 'signal'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      host
        .complete({
          id,
          messages: req.messages,
          jsonSchema: req.jsonSchema,
          maxTokens: req.maxTokens,
          temperature: req.temperature ?? 0,
          ...(req.seed === undefined ? {} : { seed: req.seed }),
          prefixCache: this.o.prefixCache ?? true,
        })
        .then((done) => {
          const { text, promptTokens, completionTokens, ...timing } = done;
          this.lastTiming = {
            promptTokens,
            completionTokens,
            cachedTokens: timing.cachedTokens,
            promptMs: timing.promptMs,
            generateMs: timing.generateMs,
            stopReason: timing.stopReason,
          };
          resolve({ text, promptTokens, completionTokens, ms: Date.now() - started });
        }, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private armIdle(): void {
    const ms = this.o.idleUnloadMs;
    if (ms == null || this.inFlight > 0 || this.closed) return;
    this.idleTimer = setTimeout(() => void this.unload(), ms);
    this.idleTimer.unref();
  }

  async unload(): Promise<void> {
    this.clearIdle();
    await this.loading?.catch(() => undefined);
    const host = this.host;
    this.host = null;
    await host?.stop();
  }

  async stats(): Promise<HostStats | null> {
    return this.host && !this.loading ? this.host.stats() : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.unload();
  }
}

/** A local engine; nothing is loaded until the first request (or `load()`). */
export function createLlamaEngine(options: LlamaEngineOptions): LlamaEngine {
  return new LocalLlamaEngine(options);
}
