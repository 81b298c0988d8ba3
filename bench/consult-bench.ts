/**
 * `npm run bench`: consult (engine, doses, knowledge look-up and save) over generated cases,
 * knowledge search, and `medassist consult` as a whole process. Figures go to stdout and to
 * bench/out/latest.json; the README quotes the latest run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runConsult } from '../src/clinic/consult/run-consult.js';
import { openClinicStore } from '../src/clinic/store/clinic-store.js';
import { EDITIONS } from '../src/clinical/protocols/registry.js';
import { openKnowledgeBase } from '../src/knowledge/index.js';
import { createRandom, generateCase } from './generate-cases.js';
import { summary } from './stats.js';

const CASES = Number(process.env.BENCH_CASES ?? 2000);
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 20);
const edition = EDITIONS['imci-2014']!;
const work = mkdtempSync(join(tmpdir(), 'medassist-bench-'));

function benchConsult() {
  const kb = openKnowledgeBase('dist/knowledge.db');
  const store = openClinicStore(join(work, 'clinic.db'));
  const rnd = createRandom(20261204);
  const cases = Array.from({ length: CASES }, (_, i) => generateCase(rnd, i));
  for (const c of cases.slice(0, 50))
    runConsult(c, { edition, visitDate: '2026-12-03' }, { kb, store });
  const times: number[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    runConsult(c, { edition, visitDate: '2026-12-04' }, { kb, store });
    times.push(performance.now() - t0);
  }
  store.close();
  return { kb, times };
}

function benchSearch(kb: ReturnType<typeof openKnowledgeBase>) {
  const queries = [
    'chest indrawing',
    'zinc',
    'ORS plan B',
    'convulsions',
    'fast breathing',
    'malaria test',
    'vitamin A measles',
    'young infant jaundice',
    'amoxicillin dose',
    'skin pinch',
    'wheeze bronchodilator',
    'ear discharge',
  ];
  for (const q of queries) kb.search(q);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    for (const q of queries) {
      const t0 = performance.now();
      kb.search(q);
      times.push(performance.now() - t0);
    }
  }
  return times;
}

function benchProcess() {
  const times: number[] = [];
  const env = { ...process.env, MEDASSIST_HOME: join(work, 'home') };
  for (let i = 0; i < PROCESS_RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      ['bin/medassist.js', 'consult', 'examples/child-cough-fever.json', '--format', 'json'],
      { env, encoding: 'utf8' },
    );
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`medassist consult failed: ${r.stderr}`);
  }
  return times;
}

const { kb, times: consult } = benchConsult();
const search = benchSearch(kb);
kb.close();
const proc = benchProcess();
const cpu = cpus();
const report = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  method: `${CASES} generated cases (seeded), warm-up 50; consult = parse + engine + doses + safety + knowledge links + save (SQLite WAL, synchronous FULL); search = 12 queries x 200; process = ${PROCESS_RUNS} runs of bin/medassist.js consult`,
  consultMs: summary(consult),
  searchMs: summary(search),
  processMs: summary(proc),
  targets: { consultP95Ms: 20, searchP95Ms: 5, processMs: 400 },
};
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/latest.json', `${JSON.stringify(report, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify(report, null, 2));
const ok = report.consultMs.p95 < 20 && report.searchMs.p95 < 5 && report.processMs.p95 < 400;
console.log(ok ? 'all targets met' : 'TARGET MISSED');
