/**
 * `npm run bench:sync`: the cloud side of sync on a real PostgreSQL on loopback, with two
 * coordinator instances (`medassist cloud serve` child processes) and a load generator in
 * this process. After a warm-up of 1,000 syncs by other clinics, 1,000 simulated clinics each
 * push 5 realistic FHIR cases and a telemetry item (one gzip batch) and poll alerts; then an
 * idle alert poll (304) over many keep-alive connections; bytes on the wire per case through
 * our counting proxy. Prints a table (README) and writes
 * bench/out/sync-latest.json. Everything runs on 127.0.0.1.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createEnrolmentToken } from '../src/cloud/auth/enrolment.js';
import { openPgDatabase } from '../src/cloud/db/sql.js';
import { insertAlert } from '../src/cloud/alerts/alert-store.js';
import {
  push,
  pushBody,
  registerTestClinic,
  type TestClinic,
} from '../test/support/cloud-client.js';
import { serveCoordinator, stopChild } from '../test/support/cloud-process.js';
import { startFaultProxy } from '../test/support/fault-proxy.js';
import { startTestPostgres } from '../test/support/postgres.js';
import { encounterItem, telemetryItem } from '../test/support/uploads.js';
import { treeCpuMs } from './cpu.js';
import { buildRequest, HttpLane } from './http-lane.js';
import { pollIdle } from './idle-poll.js';
import { summary } from './stats.js';

const CLINICS = Number(process.env.BENCH_CLINICS ?? 1000);
// 24 in flight: past that point requests only queue on 2 cores (64 gave the same rate and
// three times the p95); BENCH_CONCURRENCY to try others.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 24);
const POLL_SECONDS = Number(process.env.BENCH_POLL_SECONDS ?? 5);
// Warm-up syncs by clinics of their own (their tokens are not in the verified-token cache of
// the measured clinics): about a second of traffic, after which the JIT has settled.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const REGIONS = ['north', 'south', 'east', 'west'];
// Extra node flags for the coordinators, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

function serve(url: string) {
  return serveCoordinator({
    databaseUrl: url,
    nodeArgs: NODE_ARGS,
    stderr: 'inherit',
    // BENCH_CHILD_OUT: a file that collects the coordinators' output (e.g. --trace-deopt).
    ...(process.env.BENCH_CHILD_OUT ? { outputFile: process.env.BENCH_CHILD_OUT } : {}),
  });
}

/** Runs `task(i, lane)` for i < n with `limit` in flight; `lane` is the runner's number. */
async function pool(n: number, limit: number, task: (i: number, lane: number) => Promise<void>) {
  let next = 0;
  const lane = async (_: unknown, k: number) => {
    while (next < n) await task(next++, k);
  };
  await Promise.all(Array.from({ length: limit }, lane));
}

/** One clinic's sync as bytes: its gzip push and its conditional alert poll. */
interface SyncRequests {
  push: Buffer;
  poll: Buffer;
}

function syncRequests(base: string, clinic: TestClinic, body: Buffer, etag: string): SyncRequests {
  return {
    push: buildRequest(
      'POST',
      base,
      '/v1/sync/push',
      {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${clinic.token}`,
      },
      body,
    ),
    poll: buildRequest('GET', base, `/v1/alerts?region=${clinic.region}`, {
      'if-none-match': etag,
    }),
  };
}

function batchOf(clinic: TestClinic, i: number, prefix = '') {
  const items = [0, 1, 2, 3, 4].map((k) =>
    encounterItem(`${prefix}c${i}-${k}`, { region: clinic.region }),
  );
  return [...items, telemetryItem(`${prefix}t${i}`)];
}

/** One clinic sync: push its batch, then poll alerts with the ETag it holds. */
async function sync(lane: HttpLane, requests: SyncRequests, lat: number[]) {
  const t0 = performance.now();
  const reply = await lane.send(requests.push);
  lat.push(performance.now() - t0);
  if (reply.status !== 200) throw new Error(`push ${reply.status}`);
  const answer = await lane.send(requests.poll);
  if (answer.status !== 304) throw new Error(`alert poll ${answer.status}`);
}

/** Pushes per ingest statement over the whole run, from the coordinators' /metrics. */
async function meanGroup(bases: string[]): Promise<number> {
  let sum = 0;
  let count = 0;
  for (const base of bases) {
    const text = await (await fetch(`${base}/metrics`)).text();
    sum += Number(/^medassist_ingest_group_pushes_sum (\S+)/m.exec(text)?.[1] ?? 0);
    count += Number(/^medassist_ingest_group_pushes_count (\S+)/m.exec(text)?.[1] ?? 0);
  }
  return count > 0 ? sum / count : 0;
}

async function main() {
  // Durable as in production: every acknowledged item is on disk (fsync, synchronous_commit).
  const pg = await startTestPostgres({ durable: process.env.BENCH_PG_FAST !== '1' });
  if (pg.kind !== 'postgres')
    throw new Error('bench:sync needs a real PostgreSQL (install postgresql)');
  const url = await pg.createDatabase('bench');
  const first = await serve(url);
  const second = await serve(url);
  const bases = [first.base, second.base];
  const db = openPgDatabase(url, 4);
  try {
    const durability = (
      await db.query<{ fsync: string; sc: string }>(
        `SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc`,
      )
    ).rows[0]!;
    for (const region of REGIONS)
      await insertAlert(db, { region, severity: 'info', title: 'Bench notice', body: '' });
    const clinics: TestClinic[] = [];
    await pool(CLINICS + WARMUP, 16, async (i) => {
      const region = REGIONS[i % REGIONS.length]!;
      const { token } = await createEnrolmentToken(db, region);
      clinics[i] = await registerTestClinic(bases[i % 2]!, token, region);
    });
    const etags = new Map<string, string>();
    for (const region of REGIONS) {
      const reply = await fetch(`${first.base}/v1/alerts?region=${region}`);
      await reply.arrayBuffer();
      etags.set(region, reply.headers.get('etag') ?? '');
    }

    // Requests are built before the clock starts: what a clinic spends making them is not
    // the cloud's cost. Each clinic's items and keys are its own.
    const baseOf = (i: number) => bases[i % 2]!;
    const requestsOf = (i: number, body: Buffer) =>
      syncRequests(baseOf(i), clinics[i]!, body, etags.get(clinics[i]!.region)!);
    const measured = clinics
      .slice(0, CLINICS)
      .map((c, i) => requestsOf(i, pushBody(`b${i}`, batchOf(c, i))));
    const warm = clinics
      .slice(CLINICS)
      .map((c, k) => requestsOf(CLINICS + k, pushBody(`w${k}`, batchOf(c, k, 'warm-'))));
    // Keep-alive connections, one per runner and coordinator, as clinics behind an edge.
    const lanes = Array.from({ length: CONCURRENCY }, () => bases.map((b) => new HttpLane(b)));
    const laneFor = (k: number, i: number) => lanes[k]![i % 2]!;
    // Warm-up: coordinators are long-running, so the JIT has compiled the push path before
    // the clock starts (other clinics, so the measured tokens and keys are all new).
    await pool(warm.length, CONCURRENCY, (i, k) => sync(laneFor(k, CLINICS + i), warm[i]!, []));

    const lat: number[] = [];
    const serverPids = [first.child.pid!, second.child.pid!, pg.postmasterPid()!];
    const cpu0 = serverPids.map(treeCpuMs);
    const self0 = process.cpuUsage();
    // BENCH_MARK_FILE: exists while the clock runs (for attaching a profiler from outside).
    if (process.env.BENCH_MARK_FILE)
      writeFileSync(process.env.BENCH_MARK_FILE, serverPids.join(' '));
    const t0 = performance.now();
    await pool(CLINICS, CONCURRENCY, (i, k) => sync(laneFor(k, i), measured[i]!, lat));
    const syncSeconds = (performance.now() - t0) / 1000;
    if (process.env.BENCH_MARK_FILE) rmSync(process.env.BENCH_MARK_FILE);
    const cpuMs = serverPids.map((pid, k) => treeCpuMs(pid) - cpu0[k]!);
    const serverCpuPerSync = cpuMs.reduce((a, b) => a + b, 0) / CLINICS;
    const self = process.cpuUsage(self0);
    const loadCpuPerSync = (self.user + self.system) / 1000 / CLINICS;
    for (const pair of lanes) for (const lane of pair) lane.close();
    const pushesPerStatement = await meanGroup(bases);

    const idle = await pollIdle(
      bases,
      `/v1/alerts?region=north`,
      etags.get('north')!,
      POLL_SECONDS,
      128,
    );

    const proxy = await startFaultProxy(Number(new URL(first.base).port));
    const sample = clinics.slice(0, 50);
    for (const [k, clinic] of sample.entries()) {
      const items = [0, 1, 2, 3, 4].map((j) =>
        encounterItem(`w${k}-${j}`, { region: clinic.region }),
      );
      await push(proxy.url, clinic, `w${k}`, items);
    }
    const wire = (proxy.bytes.up + proxy.bytes.down) / (sample.length * 5);
    const upOnly = proxy.bytes.up / (sample.length * 5);
    await proxy.close();

    const push95 = summary(lat).p95;
    const rows: [string, string, string][] = [
      [
        'clinic syncs/s (push 5 cases + telemetry, poll alerts)',
        (CLINICS / syncSeconds).toFixed(0),
        '>= 1,000',
      ],
      ['push latency p95 (ms)', push95.toFixed(1), '< 100'],
      ['server CPU per sync (ms: 2 coordinators + PostgreSQL)', serverCpuPerSync.toFixed(2), ''],
      ['load generator CPU per sync (ms, this process)', loadCpuPerSync.toFixed(2), ''],
      [
        'syncs/s the server side could do on 2 free cores (2,000 / CPU ms per sync)',
        (2000 / serverCpuPerSync).toFixed(0),
        '>= 1,000',
      ],
      [
        'pushes per ingest statement (mean, grouping under load)',
        pushesPerStatement.toFixed(1),
        '',
      ],
      ['idle alert poll 304 (req/s)', idle.rps.toFixed(0), '>= 10,000'],
      ['bytes on the wire per case (up + down, incl. HTTP headers)', wire.toFixed(0), '< 1,536'],
      ['bytes up per case', upOnly.toFixed(0), ''],
    ];
    const cpu = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`;
    console.log(
      `\nload average: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (other work on this machine)`,
    );
    console.log(
      `\nsync bench: ${CLINICS} clinics, ${CONCURRENCY} in flight, 2 coordinator instances, PostgreSQL on loopback (fsync ${durability.fsync}, synchronous_commit ${durability.sc}), ${cpu}\n`,
    );
    console.log('| measure | result | goal |\n| --- | ---: | --- |');
    for (const [m, r, g] of rows) console.log(`| ${m} | ${r} | ${g} |`);
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(
      'bench/out/sync-latest.json',
      JSON.stringify(
        {
          at: new Date().toISOString(),
          cpu,
          clinics: CLINICS,
          postgres: { fsync: durability.fsync, synchronousCommit: durability.sc },
          syncsPerS: CLINICS / syncSeconds,
          serverCpuMsPerSync: serverCpuPerSync,
          loadGeneratorCpuMsPerSync: loadCpuPerSync,
          cpuMsByProcess: { coordinatorA: cpuMs[0], coordinatorB: cpuMs[1], postgres: cpuMs[2] },
          loadAverage: loadavg(),
          pushesPerStatement,
          push: summary(lat),
          idlePollRps: idle.rps,
          idleNon304: idle.other,
          wireBytesPerCase: wire,
          upBytesPerCase: upOnly,
        },
        null,
        2,
      ),
    );
  } finally {
    await db.close();
    await Promise.all([first.child, second.child].map(stopChild));
    await pg.stop();
  }
}

await main();
