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
import { randomBytes } from 'node:crypto';
import { openClinic, setupClinic } from '../src/clinic/clinic.js';
import { createClinicStore } from '../src/clinic/store/clinic-store.js';
import { openClinicDatabase } from '../src/clinic/store/database.js';
import { EDITIONS } from '../src/clinical/protocols/registry.js';
import { openKnowledgeBase } from '../src/knowledge/index.js';
import { seededRandom } from '../src/shared/seeded-random.js';
import { generateCase } from './generate-cases.js';
import { summary } from './stats.js';

const CASES = Number(process.env.BENCH_CASES ?? 2000);
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 20);
const edition = EDITIONS['imci-2014']!;
const work = mkdtempSync(join(tmpdir(), 'medassist-bench-'));

function benchConsult() {
  const kb = openKnowledgeBase('dist/knowledge.db');
  const key = randomBytes(32);
  const store = createClinicStore(openClinicDatabase(join(work, 'clinic.db'), key));
  const rnd = seededRandom(20261204);
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

/** The same saves on an encrypted and a plain database, interleaved so both see the same noise. */
async function benchEncryption() {
  const key = randomBytes(32);
  // Both stores write the same rows; only the page encryption differs.
  const encrypted = createClinicStore(openClinicDatabase(join(work, 'enc.db'), key));
  const plain = createClinicStore(openClinicDatabase(join(work, 'plain.db'), null));
  const rnd = seededRandom(7);
  const kb = openKnowledgeBase('dist/knowledge.db');
  // Real consult results of generated cases, computed before timing.
  const cases = Array.from({ length: 200 }, (_, i) => generateCase(rnd, i));
  const results = cases.map((c) => runConsult(c, { edition, visitDate: '2026-12-04' }, { kb }));
  kb.close();
  const record = (i: number, tag: string) => ({
    idempotencyKey: `${tag}-${i}`,
    visitDate: '2026-12-04',
    followUpDate: null,
    edition: 'imci-2014',
    protocol: 'imci-2014/sick-child',
    urgentReferral: false,
    classifications: ['PNEUMONIA'],
    input: cases[i % cases.length],
    result: results[i % results.length],
  });
  const enc: number[] = [];
  const pla: number[] = [];
  for (let i = 0; i < 1000; i++) {
    // A clinic node serves other work between saves; checkpoints run then.
    if (i % 10 === 0) await new Promise((r) => setImmediate(r));
    for (const [store, times, tag] of [
      [encrypted, enc, 'e'],
      [plain, pla, 'p'],
    ] as const) {
      const t0 = performance.now();
      store.saveEncounter(record(i, tag));
      times.push(performance.now() - t0);
    }
  }
  encrypted.close();
  plain.close();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    encryptedMs: summary(enc),
    plainMs: summary(pla),
    ratioOfMeans: Math.round((mean(enc) / mean(pla)) * 100) / 100,
    ratioOfMedians: Math.round((summary(enc).p50 / summary(pla).p50) * 100) / 100,
  };
}

/** Opening a set-up clinic: unlock (scrypt), open, quick check, knowledge DB check. */
function benchOpen() {
  const h = join(work, 'clinic-home');
  const secrets = { passphrase: 'benchmark passphrase' };
  setupClinic(h, { secrets, timeZone: 'UTC', bundledKb: 'dist/knowledge.db' }).close();
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    openClinic(h, secrets, { bundledKb: 'dist/knowledge.db' }).close();
    times.push(performance.now() - t0);
  }
  return times;
}

const { kb, times: consult } = benchConsult();
const encryption = await benchEncryption();
const open = benchOpen();
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
  method: `${CASES} generated cases (seeded), warm-up 50; consult = parse + engine + doses + safety + knowledge links + save (encrypted SQLite, WAL, synchronous FULL); save ratio = 1000 saves each on an encrypted and a plain database, interleaved; open = unlock (scrypt) + open + quick check + knowledge check, 10 runs; search = 12 queries x 200; process = ${PROCESS_RUNS} runs of bin/medassist.js consult`,
  consultMs: summary(consult),
  searchMs: summary(search),
  processMs: summary(proc),
  saveEncryptedVsPlain: encryption,
  openClinicMs: summary(open),
  targets: {
    consultP95Ms: 20,
    searchP95Ms: 5,
    processMs: 400,
    encryptedSaveRatio: 1.3,
    openClinicMs: 1000,
  },
};
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/latest.json', `${JSON.stringify(report, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify(report, null, 2));
const ok =
  report.consultMs.p95 < 20 &&
  report.searchMs.p95 < 5 &&
  report.processMs.p95 < 400 &&
  encryption.ratioOfMeans <= 1.3 &&
  report.openClinicMs.p95 < 1000;
console.log(ok ? 'all targets met' : 'TARGET MISSED');
