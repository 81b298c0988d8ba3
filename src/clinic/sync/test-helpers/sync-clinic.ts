/**
 * Real clinics for the sync tests (encrypted database, real consults) and generated
 * patients whose identifying values are random, so a leak test can look for each one.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EDITIONS } from '../../../clinical/protocols/registry.js';
import { compileKnowledgeBase } from '../../../knowledge/index.js';
import { setupClinic, type OpenClinic } from '../../clinic.js';
import { readConfig, writeConfig } from '../../config.js';
import { runConsult } from '../../consult/run-consult.js';
import { seededRandom } from '../../../shared/seeded-random.js';

export const PASSPHRASE = 'sync test passphrase 42';

let bundledKb: string | null = null;
const dirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `medassist-${prefix}-`));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function testKb(): string {
  if (bundledKb) return bundledKb;
  bundledKb = join(tempDir('sync-kb'), 'knowledge.db');
  compileKnowledgeBase({
    contentDir: fileURLToPath(new URL('../../../../content/passages', import.meta.url)),
    outFile: bundledKb,
  });
  return bundledKb;
}

export function makeClinic(home = join(tempDir('sync-clinic'), 'home')): OpenClinic {
  return setupClinic(home, {
    secrets: { passphrase: PASSPHRASE },
    timeZone: 'Africa/Nairobi',
    bundledKb: testKb(),
  });
}

/** A clinic whose config says it is registered with `coordinatorUrl` as `clinicId` (no cloud). */
export function makeRegisteredClinic(coordinatorUrl: string, clinicId: string): OpenClinic {
  const clinic = makeClinic();
  writeConfig(clinic.home, {
    ...readConfig(clinic.home),
    sync: {
      coordinatorUrl,
      clinicId,
      region: 'north',
      releaseKeys: {},
      registeredAt: new Date().toISOString(),
    },
  });
  return clinic;
}

const LETTERS = 'bcdfghjklmnpqrstvwxz';
function word(rng: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += LETTERS[Math.floor(rng() * LETTERS.length)];
  return s;
}
function digits(rng: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rng() * 10));
  return s;
}

export interface GeneratedCase {
  input: Record<string, unknown>;
  /** Identifying or free values that must never leave the clinic. */
  secrets: string[];
}

/** A child 2-59 months (or a young infant) with a random identity and free text. */
export function generatedCase(rng: () => number, visitDate: string): GeneratedCase {
  const name = `Zq${word(rng, 6)} Xv${word(rng, 7)}`;
  const village = `Vk${word(rng, 9)}`;
  const phone = `+2557${digits(rng, 8)}`;
  const birthYear = 2022 + Math.floor(rng() * 4);
  const dob = `${birthYear}-0${1 + Math.floor(rng() * 9)}-1${Math.floor(rng() * 9)}`;
  const caseId = `case-${word(rng, 10)}`;
  const note = `note ${word(rng, 12)} ${word(rng, 8)}`;
  const medicine = `Med${word(rng, 8)}`;
  const allergy = `Alg${word(rng, 8)}`;
  const foods = `Food${word(rng, 9)}`;
  const vaccines = `Vac${word(rng, 9)}`;
  const infant = rng() < 0.2;
  const patient = infant
    ? { age_days: 3 + Math.floor(rng() * 50), sex: 'female', weight_kg: 3.2 }
    : { date_of_birth: dob, sex: rng() < 0.5 ? 'male' : 'female', weight_kg: 11 };
  const findings = infant
    ? {
        respiratory_rate: 40 + Math.floor(rng() * 30),
        jaundice: rng() < 0.3,
        other_foods_or_drinks: foods,
      }
    : {
        cough_or_difficult_breathing: true,
        respiratory_rate: 30 + Math.floor(rng() * 30),
        chest_indrawing: rng() < 0.2,
        fever: rng() < 0.5,
        malaria_risk: 'high',
        diarrhoea: false,
        immunizations_received: vaccines,
      };
  const input = {
    id: caseId,
    visit_date: visitDate,
    notes: note,
    source: `src ${word(rng, 10)}`,
    patient: { ...patient, name, village, phone, medicines: [medicine], allergies: [allergy] },
    findings,
  };
  const secrets = [name, village, phone, caseId, note, medicine, allergy, visitDate];
  if (infant) secrets.push(foods);
  else secrets.push(dob, vaccines);
  return { input, secrets };
}

/** Runs and saves `n` generated consults; returns every secret value used. */
export function saveGeneratedConsults(clinic: OpenClinic, n: number, seed: number): string[] {
  const rng = seededRandom(seed);
  const edition = EDITIONS['imci-2014']!;
  const secrets: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = 1 + Math.floor(rng() * 28);
    const visitDate = `2026-11-${String(day).padStart(2, '0')}`;
    const c = generatedCase(rng, visitDate);
    runConsult(c.input, { edition, visitDate }, { store: clinic.store });
    secrets.push(...c.secrets);
  }
  return secrets;
}

/**
 * Queues `n` encounters in one transaction, copies of one real saved consult with new ids:
 * a fast way to fill the outbox for the volume tests (a save per transaction costs an fsync).
 */
export function bulkQueue(clinic: OpenClinic, n: number): void {
  const db = clinic.store.db;
  saveGeneratedConsults(clinic, 1, 7);
  const template = db
    .prepare('SELECT * FROM encounters ORDER BY created_at DESC LIMIT 1')
    .get() as Record<string, unknown>;
  const insert = db.prepare(
    `INSERT INTO encounters (id, idempotency_key, created_at, visit_date, edition, protocol,
       urgent_referral, classifications, input_json, result_deflate)
     VALUES (@id, @key, @created_at, @visit_date, @edition, @protocol, @urgent_referral,
       @classifications, @input_json, @result_deflate)`,
  );
  const outbox = db.prepare(
    "INSERT INTO outbox (id, created_at, kind, entity_id, payload) VALUES (?, ?, 'encounter', ?, '{}')",
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      insert.run({ ...template, id, key: randomUUID() });
      outbox.run(randomUUID(), new Date().toISOString(), id);
    }
  })();
}
