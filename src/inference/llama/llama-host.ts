/**
 * The llama.cpp host: a child process that owns one model, one context and one sequence, and
 * answers the engine's requests one at a time. The sequence is kept between requests, so the
 * fixed system prompt stays in the KV cache and only the case part is evaluated again
 * (node-llama-cpp reuses the longest common token prefix of the sequence).
 * Never downloads or builds: `build: 'never'` uses the prebuilt CPU binary or fails.
 */
import {
  getLlama,
  LlamaChat,
  LlamaLogLevel,
  type ChatHistoryItem,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel,
  type Llama,
} from 'node-llama-cpp';
import { basename } from 'node:path';
import type { ChatMessage } from '../types.js';
import type {
  HostCompleteRequest,
  HostLoadOptions,
  HostReply,
  HostRequest,
} from './host-messages.js';

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  chat: LlamaChat;
  grammars: Map<string, LlamaGrammar>;
}

let loaded: Loaded | null = null;
let queue: Promise<unknown> = Promise.resolve();
const running = new Map<number, AbortController>();

const send = (reply: HostReply) => process.send?.(reply);

async function load(o: HostLoadOptions): Promise<void> {
  const started = Date.now();
  try {
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    const model = await llama.loadModel({
      modelPath: o.modelPath,
      gpuLayers: 0,
      useMmap: o.useMmap,
    });
    const context = await model.createContext({
      contextSize: o.contextSize,
      threads: o.threads,
      batchSize: o.batchSize,
      sequences: 1,
    });
    const sequence = context.getSequence();
    const chat = new LlamaChat({ contextSequence: sequence });
    loaded = { llama, model, context, sequence, chat, grammars: new Map() };
    send({ t: 'loaded', ms: Date.now() - started, name: basename(o.modelPath) });
  } catch (error) {
    send({ t: 'load-failed', message: error instanceof Error ? error.message : String(error) });
  }
}

function toHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const items = messages.map((m): ChatHistoryItem => {
    if (m.role === 'system') return { type: 'system', text: m.content };
    if (m.role === 'user') return { type: 'user', text: m.content };
    return { type: 'model', response: [m.content] };
  });
  // An empty model turn at the end is where the answer is generated.
  return [...items, { type: 'model', response: [] }];
}

async function grammarFor(l: Loaded, schema: object): Promise<LlamaGrammar> {
  const key = JSON.stringify(schema);
  let grammar = l.grammars.get(key);
  if (!grammar) {
    // The schema is checked by zod on the other side; the grammar builder takes its subset.
    grammar = await l.llama.createGrammarForJsonSchema(schema as never);
    l.grammars.set(key, grammar);
  }
  return grammar;
}

async function complete(r: HostCompleteRequest, signal: AbortSignal): Promise<HostReply> {
  const l = loaded;
  if (!l) return { t: 'failed', id: r.id, code: 'MODEL_CLOSED', message: 'no model loaded' };
  if (signal.aborted) return { t: 'failed', id: r.id, code: 'MODEL_ABORTED', message: 'aborted' };
  if (!r.prefixCache) await l.sequence.clearHistory();

  const grammar = await grammarFor(l, r.jsonSchema);
  const meter = l.sequence.tokenMeter.getState();
  const started = Date.now();
  let firstToken = 0;
  const res = await l.chat.generateResponse(toHistory(r.messages), {
    grammar,
    maxTokens: r.maxTokens,
    temperature: r.temperature,
    ...(r.seed === undefined ? {} : { seed: r.seed }),
    signal,
    onToken: () => (firstToken ||= Date.now()),
  });
  const used = l.sequence.tokenMeter.diff(meter);
  const completionTokens = used.usedOutputTokens;
  const promptTokens = Math.max(0, l.sequence.nextTokenIndex - completionTokens);

  return {
    t: 'done',
    id: r.id,
    text: res.response,
    promptTokens,
    cachedTokens: Math.max(0, promptTokens - used.usedInputTokens),
    completionTokens,
    promptMs: (firstToken || Date.now()) - started,
    generateMs: firstToken ? Date.now() - firstToken : 0,
    stopReason: res.metadata.stopReason,
  };
}

function run(r: HostCompleteRequest): void {
  const controller = new AbortController();
  running.set(r.id, controller);
  queue = queue
    .then(() => complete(r, controller.signal))
    .catch((error: unknown): HostReply => {
      const aborted = controller.signal.aborted;
      const message = aborted ? 'aborted' : error instanceof Error ? error.message : String(error);
      return { t: 'failed', id: r.id, code: aborted ? 'MODEL_ABORTED' : 'MODEL_FAILED', message };
    })
    .then((reply) => {
      running.delete(r.id);
      send(reply);
    });
}

async function unload(): Promise<void> {
  running.forEach((c) => c.abort());
  await queue.catch(() => undefined);
  await loaded?.context.dispose();
  await loaded?.model.dispose();
  await loaded?.llama.dispose();
  loaded = null;
  process.disconnect?.();
}

function stats(): HostReply {
  return {
    t: 'stats',
    pid: process.pid,
    rssBytes: process.memoryUsage().rss,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

process.on('message', (msg: HostRequest) => {
  switch (msg.t) {
    case 'load':
      queue = queue.then(() => load(msg));
      return;
    case 'complete':
      return run(msg);
    case 'abort':
      running.get(msg.id)?.abort();
      return;
    case 'stats':
      send(stats());
      return;
    case 'unload':
      void unload();
      return;
  }
});
// The engine went away (the clinic node stopped): nothing is left to serve.
process.on('disconnect', () => process.exit(0));
