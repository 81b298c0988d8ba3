import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MedAssistError } from '../../shared/errors.js';
import { openClinic } from '../clinic.js';
import { readConfig, writeConfig } from '../config.js';
import { resourceKeyOf } from '../anonymise/index.js';
import { countQuarantined } from './outbox-store.js';
import { registerClinic } from './register.js';
import { runSync } from './run-sync.js';
import { readSyncStatus } from './status.js';
import { getState, STATE, syncSecret } from './sync-state.js';
import { queueTelemetryIfDue, buildTelemetry, NO_COUNTERS } from './telemetry.js';
import { startFakeCoordinator, type FakeCoordinator } from './test-helpers/fake-coordinator.js';
import {
  bulkQueue,
  makeClinic,
  PASSPHRASE,
  removeTempDirs,
  saveGeneratedConsults,
  testKb,
} from './test-helpers/sync-clinic.js';

const fakes: FakeCoordinator[] = [];
after(async () => {
  for (const f of fakes) await f.close();
  removeTempDirs();
});

async function registeredClinic(options: Parameters<typeof startFakeCoordinator>[0] = {}) {
  const fake = await startFakeCoordinator(options);
  fakes.push(fake);
  const clinic = makeClinic();
  await registerClinic(clinic, {
    coordinatorUrl: fake.url,
    enrolmentToken: 'enrol-test-token',
    region: 'tz-north',
  });
  return { fake, clinic };
}

describe('registration', () => {
  test('saves clinic id, region, release keys and URL in config, and the key only encrypted', async () => {
    const { clinic, fake } = await registeredClinic();
    const config = JSON.parse(readFileSync(join(clinic.home, 'config.json'), 'utf8')) as {
      sync: { clinicId: string; region: string; coordinatorUrl: string; releaseKeys: object };
    };
    assert.match(config.sync.clinicId, /^c-/);
    assert.equal(config.sync.region, 'tz-north');
    assert.equal(config.sync.coordinatorUrl, fake.url.replace(/\/$/, ''));
    assert.deepEqual(Object.keys(config.sync.releaseKeys), ['rel-2026']);
    const privateKey = getState(clinic.store.db, STATE.privateKey)!;
    const der = Buffer.from(privateKey, 'base64');
    clinic.close();
    for (const file of readdirSync(clinic.home)) {
      if (!file.includes('.')) continue;
      const bytes = readFileSync(join(clinic.home, file));
      assert.ok(!bytes.includes(der.subarray(-32)), `raw private key in ${file}`);
      assert.ok(!bytes.includes(Buffer.from(privateKey)), `private key text in ${file}`);
    }
  });

  test('a wrong enrolment token is refused with the status and nothing is saved', async () => {
    const fake = await startFakeCoordinator();
    fakes.push(fake);
    const clinic = makeClinic();
    await assert.rejects(
      registerClinic(clinic, {
        coordinatorUrl: fake.url,
        enrolmentToken: 'wrong-token',
        region: 'r1',
      }),
      { code: 'SYNC_HTTP_STATUS' },
    );
    assert.equal(readSyncStatus(clinic).registered, false);
    clinic.close();
  });

  test('refuses a coordinator URL that is not http(s), showing it', async () => {
    const clinic = makeClinic();
    await assert.rejects(
      registerClinic(clinic, {
        coordinatorUrl: 'ftp://127.0.0.1/',
        enrolmentToken: 'enrol-test-token',
        region: 'r1',
      }),
      /--coordinator.*\[ftp:\/\/127\.0\.0\.1\/\]/,
    );
    clinic.close();
  });
});

describe('pushing the outbox', () => {
  test('5,000 queued cases go up in batches of 50 until the outbox is empty, each stored once', async () => {
    const { clinic, fake } = await registeredClinic();
    bulkQueue(clinic, 5_000);
    const total = clinic.store.pendingOutbox();
    const seen: { done: number; total: number }[] = [];
    const report = await runSync(clinic, { onProgress: (p) => seen.push(p) });

    assert.equal(report.remaining, 0);
    assert.equal(report.accepted, total);
    assert.equal(report.batches, Math.ceil(total / 50));
    assert.equal(fake.stored.size, total);
    assert.equal(fake.stats.tokens, 1);
    const keys = new Set(
      [...fake.stored.values()].map((s) =>
        s.item.kind === 'encounter' ? s.item.body.resourceKey : '',
      ),
    );
    assert.equal(keys.size, total);
    assert.deepEqual(seen.at(-1), { done: total, total });
    for (let i = 1; i < seen.length; i++) {
      assert.equal(
        seen[i]!.done - seen[i - 1]!.done,
        i === seen.length - 1 && total % 50 ? total % 50 : 50,
      );
      assert.equal(seen[i]!.total, total);
    }
    assert.equal(clinic.store.pendingOutbox(), 0);
    clinic.close();
  });

  test('a rejected item is quarantined with its reason, the rest go on and it is never retried', async () => {
    let rejectNext = true;
    const { clinic, fake } = await registeredClinic({
      rejectKeys: () => {
        if (!rejectNext) return null;
        rejectNext = false;
        return 'FHIR_INVALID: Condition.code missing';
      },
    });
    saveGeneratedConsults(clinic, 12, 5);
    const report = await runSync(clinic, { batchSize: 5 });
    assert.deepEqual([report.accepted, report.quarantined, report.remaining], [11, 1, 0]);
    assert.equal(countQuarantined(clinic.store.db), 1);
    const pushes = fake.pushes;
    await runSync(clinic);
    assert.equal(fake.pushes, pushes);
    assert.equal(readSyncStatus(clinic).queued, 0);
    clinic.close();
  });

  test('a sync that went through leaves the mode ONLINE where no probe has said otherwise', async () => {
    const { clinic } = await registeredClinic();
    assert.equal(readSyncStatus(clinic).mode, 'OFFLINE');
    await runSync(clinic);
    assert.equal(readSyncStatus(clinic).mode, 'ONLINE');
    clinic.close();
  });

  test('items already stored by an earlier try are duplicates and count as sent', async () => {
    const { clinic, fake } = await registeredClinic();
    saveGeneratedConsults(clinic, 3, 9);
    await runSync(clinic);
    clinic.store.db.prepare('UPDATE outbox SET sent_at = NULL').run();
    const report = await runSync(clinic);
    assert.deepEqual([report.accepted, report.duplicates, report.remaining], [0, 3, 0]);
    assert.equal(fake.stored.size, 3);
    clinic.close();
  });

  test('no identifying value of the generated patients is in any pushed body', async () => {
    const { clinic, fake } = await registeredClinic();
    const secrets = saveGeneratedConsults(clinic, 40, 77);
    await runSync(clinic, { batchSize: 7 });
    const wire = fake.rawBodies.join('\n');
    assert.ok(wire.length > 10_000);
    for (const value of secrets) assert.ok(!wire.includes(value), `leaked: ${value}`);
    clinic.close();
  });

  test('an erased patient travels as a tombstone of the resourceKeys of its encounters', async () => {
    const { clinic, fake } = await registeredClinic();
    saveGeneratedConsults(clinic, 3, 11);
    await runSync(clinic);
    const { id: encounterId, patient_id: patientId } = clinic.store.db
      .prepare('SELECT id, patient_id FROM encounters WHERE patient_id IS NOT NULL LIMIT 1')
      .get() as { id: string; patient_id: string };
    clinic.store.erasePatient(patientId);
    await runSync(clinic);
    const tomb = [...fake.stored.values()].find((s) => s.item.kind === 'tombstone')!;
    assert.ok(tomb.item.kind === 'tombstone');
    assert.ok(
      tomb.item.body.resourceKeys.includes(resourceKeyOf(syncSecret(clinic.store.db), encounterId)),
    );
    clinic.close();
  });

  test('telemetry is queued at most hourly and pushed as its own kind', async () => {
    const { clinic, fake } = await registeredClinic();
    const build = () =>
      buildTelemetry(clinic, {
        mode: 'ONLINE',
        startedAt: Date.now() - 5000,
        counters: NO_COUNTERS,
      });
    const t = new Date('2026-12-04T10:00:00Z');
    assert.equal(queueTelemetryIfDue(clinic, build, 3_600_000, t), true);
    assert.equal(
      queueTelemetryIfDue(clinic, build, 3_600_000, new Date(t.getTime() + 3_599_000)),
      false,
    );
    assert.equal(
      queueTelemetryIfDue(clinic, build, 3_600_000, new Date(t.getTime() + 3_600_000)),
      true,
    );
    await runSync(clinic);
    const kinds = [...fake.stored.values()].map((s) => s.item.kind);
    assert.deepEqual(kinds, ['telemetry', 'telemetry']);
    clinic.close();
  });
});

describe('one sync at a time', () => {
  test('a second sync while one runs is refused with the pid, or waits its turn; never interleaves', async () => {
    const { clinic, fake } = await registeredClinic({ pushDelayMs: 40 });
    bulkQueue(clinic, 300);
    const other = openClinic(clinic.home, { passphrase: PASSPHRASE }, { bundledKb: testKb() });
    const first = runSync(clinic, { batchSize: 50 });
    await new Promise((r) => setTimeout(r, 30));
    await assert.rejects(runSync(other), {
      code: 'SYNC_BUSY',
      message: new RegExp(`\\[${process.pid}\\]`),
    });
    assert.equal(readSyncStatus(other).syncing, true);
    assert.equal(readSyncStatus(other).progress?.total, 301);
    const second = runSync(other, { waitMs: 30_000 });
    await first;
    const report = await second;
    assert.equal(report.accepted, 0);
    assert.equal(fake.maxConcurrentPushes, 1);
    assert.equal(fake.stored.size, 301);
    assert.equal(readSyncStatus(other).syncing, false);
    other.close();
    clinic.close();
  });
});

describe('alerts', () => {
  test('new alerts are stored and shown; an idle poll is a 304 that changes nothing', async () => {
    const { clinic, fake } = await registeredClinic();
    fake.alerts.push({
      id: 'a1',
      region: 'tz-north',
      severity: 'warning',
      title: 'Measles cases rising',
      body: 'Check vaccination status.',
      issuedAt: '2026-12-01T00:00:00Z',
      expiresAt: null,
    });
    const first = await runSync(clinic);
    assert.equal(first.alertsReceived, 1);
    const second = await runSync(clinic);
    assert.equal(second.alertsReceived, 0);
    assert.equal(fake.stats.notModified, 1);
    assert.deepEqual(
      readSyncStatus(clinic).alerts.map((a) => a.id),
      ['a1'],
    );
    clinic.close();
  });
});

describe('the knowledge update step', () => {
  test('runs after the push with the edge first, then the cloud, and the release keys', async () => {
    const { clinic, fake } = await registeredClinic();
    const config = readConfig(clinic.home);
    writeConfig(clinic.home, {
      ...config,
      sync: { ...config.sync!, edgeUrl: 'http://127.0.0.1:9' },
    });
    saveGeneratedConsults(clinic, 2, 1);
    const calls: { sources: string[]; keys: string[]; storedBefore: number }[] = [];
    const report = await runSync(clinic, {
      knowledgeUpdate: (_c, o) => {
        calls.push({
          sources: o.sources,
          keys: Object.keys(o.releaseKeys),
          storedBefore: fake.stored.size,
        });
        return Promise.resolve({ status: 'current' });
      },
    });
    assert.deepEqual(calls, [
      {
        sources: ['http://127.0.0.1:9', fake.url.replace(/\/$/, '')],
        keys: ['rel-2026'],
        storedBefore: 2,
      },
    ]);
    assert.deepEqual(report.knowledge, { status: 'current' });
    clinic.close();
  });

  test('a failed update keeps the push and shows as the last error', async () => {
    const { clinic, fake } = await registeredClinic();
    saveGeneratedConsults(clinic, 2, 2);
    const report = await runSync(clinic, {
      knowledgeUpdate: () =>
        Promise.reject(new MedAssistError('KB_SIGNATURE_INVALID', 'bad signature')),
    });
    assert.equal(fake.stored.size, 2);
    assert.deepEqual((report.knowledge as { code: string }).code, 'KB_SIGNATURE_INVALID');
    assert.equal(readSyncStatus(clinic).lastError, 'KB_SIGNATURE_INVALID: bad signature');
    assert.notEqual(readSyncStatus(clinic).lastSyncAt, null);
    clinic.close();
  });
});
