/**
 * The clinic record store on SQLite (better-sqlite3-multiple-ciphers), in WAL mode: every save
 * is one transaction, and saving the same consult twice yields one encounter.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { MedAssistError } from '../../shared/errors.js';
import { migrate } from './migrations.js';

export interface EncounterRecord {
  idempotencyKey: string;
  visitDate: string;
  caseRef?: string;
  edition: string;
  protocol: string | null;
  urgentReferral: boolean;
  classifications: readonly string[];
  input: unknown;
  result: unknown;
}

export interface SavedEncounter {
  encounterId: string;
  /** False when this consult had been saved before (a double submit). */
  created: boolean;
}

export interface ClinicStore {
  saveEncounter(record: EncounterRecord): SavedEncounter;
  getEncounter(id: string): (EncounterRecord & { id: string; createdAt: string }) | undefined;
  countEncounters(): number;
  close(): void;
}

interface EncounterRow {
  id: string;
  idempotency_key: string;
  created_at: string;
  visit_date: string;
  case_ref: string | null;
  edition: string;
  protocol: string | null;
  urgent_referral: number;
  classifications: string;
  input_json: string;
  result_json: string;
}

export interface StoreOptions {
  /** `FULL` makes an acknowledged save survive a power cut; `NORMAL` only a process crash. */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (and creates or migrates) the clinic store at `path`. */
export function openClinicStore(path: string, options: StoreOptions = {}): ClinicStore {
  mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (cause) {
    throw new MedAssistError('STORE_OPEN_FAILED', `cannot open the clinic database [${path}]`, {
      cause,
    });
  }
  const insert = db.prepare(
    `INSERT INTO encounters (id, idempotency_key, created_at, visit_date, case_ref, edition, protocol,
       urgent_referral, classifications, input_json, result_json)
     VALUES (@id, @idempotency_key, @created_at, @visit_date, @case_ref, @edition, @protocol,
       @urgent_referral, @classifications, @input_json, @result_json)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  const byKey = db.prepare('SELECT id FROM encounters WHERE idempotency_key = ?');
  const byId = db.prepare('SELECT * FROM encounters WHERE id = ?');
  const count = db.prepare('SELECT count(*) AS n FROM encounters');

  const save = db.transaction((record: EncounterRecord): SavedEncounter => {
    const id = randomUUID();
    const info = insert.run({
      id,
      idempotency_key: record.idempotencyKey,
      created_at: new Date().toISOString(),
      visit_date: record.visitDate,
      case_ref: record.caseRef ?? null,
      edition: record.edition,
      protocol: record.protocol,
      urgent_referral: record.urgentReferral ? 1 : 0,
      classifications: JSON.stringify(record.classifications),
      input_json: JSON.stringify(record.input),
      result_json: JSON.stringify(record.result),
    });
    if (info.changes === 1) return { encounterId: id, created: true };
    const existing = byKey.get(record.idempotencyKey) as { id: string };
    return { encounterId: existing.id, created: false };
  });

  return {
    saveEncounter: (record) => save(record),
    getEncounter(id) {
      const row = byId.get(id) as EncounterRow | undefined;
      if (!row) return undefined;
      return {
        id: row.id,
        createdAt: row.created_at,
        idempotencyKey: row.idempotency_key,
        visitDate: row.visit_date,
        ...(row.case_ref === null ? {} : { caseRef: row.case_ref }),
        edition: row.edition,
        protocol: row.protocol,
        urgentReferral: row.urgent_referral === 1,
        classifications: JSON.parse(row.classifications) as string[],
        input: JSON.parse(row.input_json) as unknown,
        result: JSON.parse(row.result_json) as unknown,
      };
    },
    countEncounters: () => (count.get() as { n: number }).n,
    close: () => db.close(),
  };
}
