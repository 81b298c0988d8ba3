/**
 * `npm run bench:model`: the local model on a random-weight GGUF with the shapes of a 2B-class
 * model at Q4_0 (it costs what a real one costs to load and run, but says nothing). Measures
 * prompt and generation tokens/s, consult latency with the model (p50/p95, prefix cache on and
 * off, in one run so the ratio is fair on a shared machine) and the engine process's peak RSS.
 * The model is generated once into ~/.cache/medassist-bench/ (MEDASSIST_BENCH_CACHE).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, homedir, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCase } from '../src/clinical/case/parse-case.js';
import { assess } from '../src/clinical/assess/assess.js';
import { EDITIONS } from '../src/clinical/protocols/registry.js';
import { FINDING_KEYS } from '../src/clinical/case/vocabulary.js';
import { buildCaseView } from '../src/inference/case-view.js';
import { BENCH_2B_SHAPE, writeLlamaGguf } from '../src/inference/gguf/llama-model.js';
import { readGgufHeader } from '../src/inference/gguf/gguf-header.js';
import { createLlamaEngine, type LlamaEngine } from '../src/inference/llama/llama-engine.js';
import { consultModel, type ModelOutcome } from '../src/inference/model-consult.js';
import { SYSTEM_PROMPT } from '../src/inference/prompt.js';
import { threadsFor, TIERS } from '../src/inference/tiers.js';
import { seededRandom } from '../src/shared/seeded-random.js';
import { generateCase } from './generate-cases.js';
import { percentile } from './stats.js';

const CONSULTS = Number(process.env.BENCH_CONSULTS ?? 10);
const tier = TIERS['rural-clinic'];
const THREADS = Number(process.env.BENCH_THREADS ?? threadsFor(tier, availableParallelism()));
const MAX_TOKENS = Number(process.env.BENCH_MAX_TOKENS ?? tier.maxTokens);
const edition = EDITIONS['imci-2014']!;
const cache = process.env.MEDASSIST_BENCH_CACHE ?? join(homedir(), '.cache', 'medassist-bench');

/** Words of our own prompts and guideline passages, most frequent first, for the vocabulary. */
function corpusWords(): string[] {
  const dir = 'content/passages/en';
  const texts = [SYSTEM_PROMPT, FINDING_KEYS.join(' ').replaceAll('_', ' ')];
  for (const f of readdirSync(dir)) texts.push(readFileSync(join(dir, f), 'utf8'));
  const counts = new Map<string, number>();
  for (const w of texts.join(' ').match(/[A-Za-z]{2,}/g) ?? [])
    counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w)
    .slice(0, 3000);
}

function benchModel(): { path: string; generatedMs: number | null } {
  mkdirSync(cache, { recursive: true });
  const path = join(cache, `${BENCH_2B_SHAPE.name}-v2.gguf`);
  if (existsSync(path) && readGgufHeader(path).tensorCount > 0) return { path, generatedMs: null };
  const started = performance.now();
  writeLlamaGguf(path, BENCH_2B_SHAPE, 1, corpusWords());
  return { path, generatedMs: Math.round(performance.now() - started) };
}

type BenchCase = ReturnType<typeof benchCases>[number];

function benchCases() {
  const rnd = seededRandom(20261204);
  return Array.from({ length: CONSULTS }, (_, i) => {
    const c = parseCase(generateCase(rnd, i), { visitDate: '2026-12-04' });
    const protocol = assess(
      {
        patient: {
          age: c.patient.age,
          ...(c.patient.weightKg === undefined ? {} : { weightKg: c.patient.weightKg }),
          ...(c.patient.temperatureC === undefined ? {} : { temperatureC: c.patient.temperatureC }),
        },
        findings: c.findings,
      },
      edition,
    );
    return { caseView: buildCaseView(c), protocol };
  });
}

interface Run {
  ms: number[];
  outcomes: ModelOutcome[];
  promptTokens: number[];
  cachedTokens: number[];
  promptMs: number[];
  generateMs: number[];
  completionTokens: number[];
}

const emptyRun = (): Run => ({
  ms: [],
  outcomes: [],
  promptTokens: [],
  cachedTokens: [],
  promptMs: [],
  generateMs: [],
  completionTokens: [],
});

async function consultOnce(engine: LlamaEngine, input: BenchCase, run: Run, label: string) {
  const started = performance.now();
  const out = await consultModel(engine, input, { maxTokens: MAX_TOKENS });
  run.ms.push(performance.now() - started);
  run.outcomes.push(out);
  const t = engine.lastTiming;
  if (t) {
    run.promptTokens.push(t.promptTokens);
    run.cachedTokens.push(t.cachedTokens);
    run.promptMs.push(t.promptMs);
    run.generateMs.push(t.generateMs);
    run.completionTokens.push(t.completionTokens);
  }
  process.stderr.write(
    `  ${label} ${run.ms.length}: ${Math.round(run.ms.at(-1) ?? 0)} ms ${out.status}\n`,
  );
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const s = (ms: number) => (ms / 1000).toFixed(2);

const openEngine = (path: string, prefixCache: boolean) =>
  createLlamaEngine({
    modelPath: path,
    threads: THREADS,
    contextSize: tier.contextSize,
    useMmap: tier.useMmap,
    prefixCache,
    timeoutMs: 120_000,
  });

/**
 * Both engines loaded side by side and consults interleaved (on, off, on, off, ...), so a
 * change in the load of this shared machine hits both sides of the ratio alike.
 */
async function measure(path: string, cases: readonly BenchCase[]) {
  const on = openEngine(path, true);
  const off = openEngine(path, false);
  try {
    const loadMs = await on.load();
    await off.load();
    // One warm-up consult each fills the cache, as the clinic node's first consult does.
    for (const e of [on, off]) await consultModel(e, cases[0]!, { maxTokens: 4 });
    const runs = { on: emptyRun(), off: emptyRun() };
    for (const input of cases) {
      await consultOnce(on, input, runs.on, 'cache on ');
      await consultOnce(off, input, runs.off, 'cache off');
    }
    const peak = Math.max(
      (await on.stats())?.peakRssBytes ?? 0,
      (await off.stats())?.peakRssBytes ?? 0,
    );
    return { loadMs, runs, peak };
  } finally {
    await Promise.all([on.close(), off.close()]);
  }
}

async function main() {
  const model = benchModel();
  const cases = benchCases();
  const header = readGgufHeader(model.path);
  console.error(
    `model ${model.path} (${(header.fileBytes / 1e9).toFixed(2)} GB), threads ${THREADS}, max tokens ${MAX_TOKENS}`,
  );
  const { loadMs, runs, peak } = await measure(model.path, cases);
  const on = { run: runs.on };
  const off = { run: runs.off };

  const offPromptRate = sum(off.run.promptTokens) / (sum(off.run.promptMs) / 1000);
  const genRate = sum(on.run.completionTokens) / (sum(on.run.generateMs) / 1000);
  const valid = (r: Run) => r.outcomes.filter((o) => o.status === 'contributed').length;
  const rows = [
    [
      'machine',
      `${availableParallelism()} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, threads ${THREADS}, load average ${loadavg()[0]?.toFixed(1) ?? '-'} (shared machine)`,
    ],
    [
      'model',
      `${BENCH_2B_SHAPE.name}: ${(header.fileBytes / 1e9).toFixed(2)} GB Q4_0, ${BENCH_2B_SHAPE.layers} layers x ${BENCH_2B_SHAPE.embd}, vocab ${BENCH_2B_SHAPE.vocab}`,
    ],
    ['model file generated', model.generatedMs === null ? 'cached' : `${s(model.generatedMs)} s`],
    ['load (mmap off)', `${s(loadMs)} s`],
    [
      'prompt tokens per consult',
      `${Math.round(percentile(on.run.promptTokens, 50))} (cached ${Math.round(percentile(on.run.cachedTokens, 50))} with the prefix cache)`,
    ],
    ['prompt evaluation', `${offPromptRate.toFixed(1)} tokens/s`],
    ['generation', `${genRate.toFixed(1)} tokens/s (max ${MAX_TOKENS} tokens)`],
    [
      'consult p50 / p95, prefix cache on',
      `${s(percentile(on.run.ms, 50))} s / ${s(percentile(on.run.ms, 95))} s`,
    ],
    [
      'consult p50 / p95, prefix cache off',
      `${s(percentile(off.run.ms, 50))} s / ${s(percentile(off.run.ms, 95))} s`,
    ],
    ['p50 ratio off / on', (percentile(off.run.ms, 50) / percentile(on.run.ms, 50)).toFixed(2)],
    [
      'schema-valid answers (random weights)',
      `${valid(on.run)}/${CONSULTS} on, ${valid(off.run)}/${CONSULTS} off`,
    ],
    ['engine peak RSS', `${Math.round(peak / 1024 ** 2)} MiB`],
  ];
  console.log('| measure | value |\n| --- | --- |');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
}

await main();
