/**
 * The clinic sync agent against the real coordinator of branch cloud on a throwaway
 * PostgreSQL (PGlite when none is installed): real consults go up anonymised and pass the
 * coordinator's FHIR profile, each stored once through faults, tombstones delete the cloud
 * copy, alerts come down with an idle 304.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertAlert } from '../../src/cloud/alerts/alert-store.js';
import type { OpenClinic } from '../../src/clinic/clinic.js';
import { readConfig, writeConfig } from '../../src/clinic/config.js';
import { registerClinic } from '../../src/clinic/sync/register.js';
import { clientFor, runSync } from '../../src/clinic/sync/run-sync.js';
import { getState, STATE } from '../../src/clinic/sync/sync-state.js';
import { readSyncStatus } from '../../src/clinic/sync/status.js';
import {
  startFaultProxy,
  type FaultProxy,
} from '../../src/clinic/sync/test-helpers/fault-proxy.js';
import {
  bulkQueue,
  makeClinic,
  removeTempDirs,
  saveGeneratedConsults,
} from '../../src/clinic/sync/test-helpers/sync-clinic.js';
import {
  buildTelemetry,
  NO_COUNTERS,
  queueTelemetryIfDue,
} from '../../src/clinic/sync/telemetry.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from '../cloud/harness.js';

let pg: TestPostgres;
let cloud: TestCoordinator;
let proxy: FaultProxy;

before(async () => {
  pg = await startTestPostgres();
  cloud = await startCoordinator({ regions: {}, default: await newDatabase(pg) });
  proxy = await startFaultProxy(Number(new URL(cloud.base).port));
});
after(async () => {
  await proxy.close();
  await cloud.close();
  await pg.stop();
  removeTempDirs();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const result = await cloud.shards.global.query<{ n: string }>(sql, params);
  return Number(result.rows[0]?.n);
}

/** A clinic registered with the real coordinator, talking to it through the fault proxy. */
async function registered(region = 'north'): Promise<{ clinic: OpenClinic; clinicId: string }> {
  const clinic = makeClinic();
  const sync = await registerClinic(clinic, {
    coordinatorUrl: cloud.base,
    enrolmentToken: await cloud.enrol(region),
    region,
  });
  writeConfig(clinic.home, {
    ...readConfig(clinic.home),
    sync: { ...sync, coordinatorUrl: proxy.url },
  });
  return { clinic, clinicId: sync.clinicId };
}

const stored = (clinicId: string) =>
  count('SELECT count(*) AS n FROM encounters WHERE clinic_id = $1', [clinicId]);
const distinctResourceKeys = (clinicId: string) =>
  count('SELECT count(DISTINCT resource_key) AS n FROM encounters WHERE clinic_id = $1', [
    clinicId,
  ]);

describe('sync with the real coordinator', () => {
  test('runs on a real PostgreSQL when one is installed', () => {
    assert.ok(pg.kind === 'postgres' || process.env.MEDASSIST_TEST_PG !== 'required');
    process.stdout.write(`# database: ${pg.kind}\n`);
  });

  test('real consults of generated patients pass the coordinator profile and are stored once', async () => {
    proxy.plan = () => ({ kind: 'pass' });
    const { clinic, clinicId } = await registered();
    saveGeneratedConsults(clinic, 60, 4242);
    const report = await runSync(clinic, { batchSize: 25 });
    assert.deepEqual([report.accepted, report.quarantined, report.remaining], [60, 0, 0]);
    assert.equal(await stored(clinicId), 60);
    const secrets = (
      await cloud.shards.global.query<{ fhir: unknown }>(
        'SELECT fhir FROM encounters WHERE clinic_id = $1',
        [clinicId],
      )
    ).rows
      .map((r) => JSON.stringify(r.fhir))
      .join('\n');
    assert.doesNotMatch(secrets, /\d{4}-\d{2}-\d{2}/);
    clinic.close();
  });

  test('a cut push and a response dropped after the store: after retries every case is there once', async () => {
    const { clinic, clinicId } = await registered();
    bulkQueue(clinic, 300);
    proxy.plan = (r) =>
      r.path === '/v1/sync/push' && r.n % 3 === 0
        ? { kind: 'drop-response' }
        : r.path === '/v1/sync/push' && r.n % 5 === 0
          ? { kind: 'cut-request' }
          : { kind: 'pass' };
    let failures = 0;
    for (let i = 0; i < 20 && clinic.store.pendingOutbox() > 0; i++) {
      await runSync(clinic).catch(() => (failures += 1));
    }
    proxy.plan = () => ({ kind: 'pass' });
    assert.ok(failures > 0, 'faults were injected');
    assert.equal(clinic.store.pendingOutbox(), 0);
    assert.equal(await stored(clinicId), 301);
    assert.equal(await distinctResourceKeys(clinicId), 301);
    clinic.close();
  });

  test('an erased patient is deleted from the cloud by its tombstone', async () => {
    proxy.plan = () => ({ kind: 'pass' });
    const { clinic, clinicId } = await registered();
    saveGeneratedConsults(clinic, 5, 99);
    await runSync(clinic);
    const { patient_id: patientId } = clinic.store.db
      .prepare('SELECT patient_id FROM encounters WHERE patient_id IS NOT NULL LIMIT 1')
      .get() as { patient_id: string };
    const erased = clinic.store.erasePatient(patientId).encounters;
    assert.ok(erased > 0);
    await runSync(clinic);
    assert.equal(await stored(clinicId), 5 - erased);
    clinic.close();
  });

  test('telemetry is accepted by the real coordinator', async () => {
    const { clinic, clinicId } = await registered();
    queueTelemetryIfDue(clinic, () =>
      buildTelemetry(clinic, { mode: 'ONLINE', startedAt: Date.now(), counters: NO_COUNTERS }),
    );
    const report = await runSync(clinic);
    assert.equal(report.accepted, 1);
    assert.equal(
      await count('SELECT count(*) AS n FROM telemetry_latest WHERE clinic_id = $1', [clinicId]),
      1,
    );
    clinic.close();
  });

  test('alerts of the region come down and an idle poll is a 304', async () => {
    const { clinic } = await registered('south');
    await insertAlert(cloud.shards.forRegion('south'), {
      region: 'south',
      severity: 'warning',
      title: 'Cholera cases reported',
      body: 'Use plan C early for severe dehydration.',
    });
    const first = await runSync(clinic);
    assert.equal(first.alertsReceived, 1);
    const second = await runSync(clinic);
    assert.equal(second.alertsReceived, 0);
    const db = clinic.store.db;
    const poll = await clientFor(clinic).alerts(
      'south',
      getState(db, STATE.alertsCursor),
      getState(db, STATE.alertsEtag),
    );
    assert.deepEqual(poll, { notModified: true });
    assert.deepEqual(
      readSyncStatus(clinic).alerts.map((a) => a.title),
      ['Cholera cases reported'],
    );
    clinic.close();
  });
});
