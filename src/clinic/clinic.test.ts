import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EDITIONS } from '../clinical/protocols/registry.js';
import { compileKnowledgeBase } from '../knowledge/index.js';
import { MedAssistError } from '../shared/errors.js';
import { createUser, login } from './auth/index.js';
import { openClinic, setupClinic } from './clinic.js';
import { readConfig, writeConfig } from './config.js';
import { runConsult } from './consult/run-consult.js';
import { createKeyring } from './keys/keyring.js';
import { nextKeyringPath, rotateDataKey } from './keys/rotate.js';
import { modelBackupPath } from './model-check.js';
import { clinicDbPath, knowledgeDbPath } from './paths.js';
import { openClinicDatabase } from './store/database.js';
import { todayInTimeZone } from '../clinical/case/index.js';
import { mkdirSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const work = mkdtempSync(join(tmpdir(), 'medassist-clinic-'));
after(() => rmSync(work, { recursive: true, force: true }));
const bundledKb = join(work, 'bundled-kb.db');
compileKnowledgeBase({
  contentDir: fileURLToPath(new URL('../../content/passages', import.meta.url)),
  outFile: bundledKb,
});
const PASSPHRASE = 'clinic test passphrase';
let n = 0;
const newHome = () => join(work, `clinic-${n++}`);
const setup = (home: string) =>
  setupClinic(home, { secrets: { passphrase: PASSPHRASE }, timeZone: 'Africa/Nairobi', bundledKb });

const MARKERS = ['ZZMARKERNAME', 'ZZMARKERVILLAGE', '+255700999888', 'ZZMARKERMEDICINE'];

function consultWithMarkers(clinic: ReturnType<typeof setup>, i: number) {
  return runConsult(
    {
      patient: {
        name: `${MARKERS[0]} ${i}`,
        village: MARKERS[1],
        phone: MARKERS[2],
        date_of_birth: '2025-01-15',
        sex: 'male',
        weight_kg: 9,
        medicines: [MARKERS[3]],
      },
      findings: {
        cough_or_difficult_breathing: true,
        respiratory_rate: 52,
        chest_indrawing: false,
        stridor: false,
        wheeze: false,
      },
    },
    { edition: EDITIONS['imci-2014']!, visitDate: '2026-12-04' },
    { store: clinic.store },
  );
}

describe('encryption at rest', () => {
  test('the database, its WAL and shm hold none of the patient markers', () => {
    const home = newHome();
    const clinic = setup(home);
    for (let i = 0; i < 20; i++) consultWithMarkers(clinic, i);
    const files = readdirSync(home).filter((f) => f.startsWith('clinic.db'));
    assert.ok(files.includes('clinic.db-wal'), 'the WAL exists while the clinic is open');
    for (const f of files) {
      const bytes = readFileSync(join(home, f));
      for (const m of MARKERS) assert.equal(bytes.includes(m), false, `${m} found in ${f}`);
    }
    clinic.close();
    for (const f of readdirSync(home).filter((x) => x.startsWith('clinic.db'))) {
      const bytes = readFileSync(join(home, f));
      for (const m of MARKERS)
        assert.equal(bytes.includes(m), false, `${m} found in ${f} after close`);
    }
  });

  test('opening without the key fails with a clear error; the right key opens it after a restart', () => {
    const home = newHome();
    const clinic = setup(home);
    const saved = consultWithMarkers(clinic, 1).saved;
    clinic.close();
    assert.throws(
      () => openClinicDatabase(clinicDbPath(home), null),
      (e: unknown) =>
        e instanceof MedAssistError &&
        e.code === 'STORE_KEY_WRONG' &&
        /cannot be opened/.test(e.message),
    );
    assert.throws(
      () => openClinic(home, { passphrase: 'not the passphrase' }, { bundledKb }),
      (e: unknown) => e instanceof MedAssistError && e.code === 'KEY_WRONG',
    );
    assert.throws(
      () => openClinic(home, {}, { bundledKb }),
      (e: unknown) => e instanceof MedAssistError && e.code === 'KEY_SOURCE_MISSING',
    );
    const again = openClinic(home, { passphrase: PASSPHRASE }, { bundledKb });
    assert.equal(
      again.store.getEncounter(saved?.encounterId ?? '')?.classifications[0],
      'PNEUMONIA',
    );
    // The time to open is measured by `npm run bench`, not asserted here (noisy machines).
    assert.ok(again.openedInMs > 0);
    again.close();
  });

  test('a passphrase change re-encrypts with a new key: an old keyring copy no longer opens the data', () => {
    const home = newHome();
    const clinic = setup(home);
    const saved = consultWithMarkers(clinic, 3).saved;
    const oldKeyring = readFileSync(join(home, 'keyring.json'));
    rotateDataKey(clinic, 'the new passphrase');
    clinic.close();
    assert.throws(
      () => openClinic(home, { passphrase: PASSPHRASE }, { bundledKb }),
      /does not unlock/,
    );
    const again = openClinic(home, { passphrase: 'the new passphrase' }, { bundledKb });
    assert.equal(
      again.store.getEncounter(saved?.encounterId ?? '')?.classifications[0],
      'PNEUMONIA',
    );
    again.close();
    writeFileSync(join(home, 'keyring.json'), oldKeyring);
    assert.throws(
      () => openClinic(home, { passphrase: PASSPHRASE }, { bundledKb }),
      /cannot be opened with this key/,
    );
  });

  test('a passphrase change cut between re-encryption and the keyring swap still opens', () => {
    const home = newHome();
    const clinic = setup(home);
    const { keyring, dataKey } = createKeyring({ passphrase: 'next passphrase!' });
    writeFileSync(nextKeyringPath(home), JSON.stringify(keyring));
    clinic.store.db.pragma('journal_mode = DELETE');
    clinic.store.db.pragma(`rekey="x'${dataKey.toString('hex')}'"`);
    clinic.close();
    const again = openClinic(home, { passphrase: 'next passphrase!' }, { bundledKb });
    assert.equal(existsSync(nextKeyringPath(home)), false);
    again.close();
    openClinic(home, { passphrase: 'next passphrase!' }, { bundledKb }).close();
  });

  test('a key file unlocks the clinic for unattended start', () => {
    const home = newHome();
    const keyFile = join(work, `key-${n}.txt`);
    setupClinic(home, {
      secrets: { keyFile },
      createKeyFile: true,
      timeZone: 'UTC',
      bundledKb,
    }).close();
    assert.match(readFileSync(keyFile, 'utf8'), /^[0-9a-f]{64}\n$/);
    openClinic(home, { keyFile }, { bundledKb }).close();
  });

  test('with the key file gone, the passphrase still unlocks a clinic set up with both', () => {
    const home = newHome();
    const keyFile = join(work, `key-${n}.txt`);
    setupClinic(home, {
      secrets: { keyFile, passphrase: PASSPHRASE },
      createKeyFile: true,
      timeZone: 'UTC',
      bundledKb,
    }).close();
    rmSync(keyFile);
    openClinic(home, { keyFile, passphrase: PASSPHRASE }, { bundledKb }).close();
    assert.throws(() => openClinic(home, { keyFile }, { bundledKb }), /key file not found/);
  });
});

describe('recovery at start', () => {
  test('a corrupted knowledge DB is detected and replaced from the last good copy', () => {
    const home = newHome();
    setup(home).close();
    const kb = knowledgeDbPath(home);
    const bytes = readFileSync(kb);
    bytes.fill(0x41, 4096, 8192);
    writeFileSync(kb, bytes);
    const clinic = openClinic(home, { passphrase: PASSPHRASE }, { bundledKb });
    assert.equal(clinic.knowledge.status, 'repaired');
    assert.equal(clinic.knowledge.status === 'repaired' && clinic.knowledge.from, 'last-good');
    clinic.close();
  });

  test('with the last good copy damaged too, the bundle shipped with the install is used', () => {
    const home = newHome();
    setup(home).close();
    writeFileSync(knowledgeDbPath(home), 'not a database');
    writeFileSync(join(home, 'knowledge.last-good.db'), 'not a database either');
    const clinic = openClinic(home, { passphrase: PASSPHRASE }, { bundledKb });
    assert.equal(clinic.knowledge.status === 'repaired' && clinic.knowledge.from, 'bundle');
    clinic.close();
  });

  test('a damaged model file is restored from its backup copy, or disabled while consults go on', () => {
    const home = newHome();
    setup(home).close();
    const model = join(home, 'model.gguf');
    writeFileSync(model, 'GGUF model bytes for the test');
    const sha256 = createHash('sha256').update(readFileSync(model)).digest('hex');
    mkdirSync(join(home, 'models', 'backup'), { recursive: true });
    copyFileSync(model, modelBackupPath(home, sha256));
    writeConfig(home, { ...readConfig(home), model: { path: model, sha256 } });
    appendFileSync(model, 'corruption');
    let clinic = openClinic(home, { passphrase: PASSPHRASE }, { bundledKb });
    assert.equal(clinic.model.status, 'restored');
    clinic.close();
    appendFileSync(model, 'corruption');
    rmSync(modelBackupPath(home, sha256));
    clinic = openClinic(home, { passphrase: PASSPHRASE }, { bundledKb });
    assert.equal(clinic.model.status, 'disabled');
    assert.match(
      clinic.model.status === 'disabled' ? clinic.model.message : '',
      /disabled; consults go on/,
    );
    assert.equal(consultWithMarkers(clinic, 2).classifications[0]?.name, 'PNEUMONIA');
    clinic.close();
    assert.ok(existsSync(model));
  });
});

describe('follow-up in whole local days', () => {
  test('a visit at 17:30 in the clinic zone with follow-up in 2 days is due on the calendar day two days later', () => {
    // 17:30 in Nairobi (UTC+3) is 14:30 UTC; 23:30 local is still the same day.
    for (const instant of ['2026-12-04T14:30:00Z', '2026-12-04T20:30:00Z']) {
      const visitDate = todayInTimeZone('Africa/Nairobi', new Date(instant));
      assert.equal(visitDate, '2026-12-04');
      const r = runConsult(
        {
          patient: { age_days: 20, weight_kg: 3.4 },
          findings: {
            umbilicus_red_or_draining_pus: true,
            feeding_difficulty: false,
            convulsions_history: false,
            respiratory_rate: 40,
            severe_chest_indrawing: false,
            less_than_normal_movements: false,
          },
        },
        { edition: EDITIONS['imci-2014']!, visitDate },
      );
      assert.deepEqual(r.followUp, { days: 2, date: '2026-12-06' });
    }
    // 00:30 local on 5 December is 21:30 UTC on the 4th: a new local day.
    assert.equal(todayInTimeZone('Africa/Nairobi', new Date('2026-12-04T21:30:00Z')), '2026-12-05');
  });
});

describe('users in the clinic', () => {
  test('the first admin signs in with the PIN set at setup', async () => {
    const home = newHome();
    const clinic = setup(home);
    await createUser(clinic.store.db, { name: 'Admin', role: 'admin', pin: '2580' });
    const { session } = await login(clinic.store.db, { name: 'Admin', pin: '2580' });
    assert.equal(session.role, 'admin');
    clinic.close();
  });
});
