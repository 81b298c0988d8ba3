/**
 * The clinic record store: encounters, patients and the outbox in one encrypted SQLite file.
 * Every change is one transaction that also writes its audit entry and, where the change must
 * leave the clinic, its outbox entry. Saving the same consult twice yields one encounter.
 */
import { randomUUID } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { InputError } from '../../shared/errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { ForbiddenError } from '../auth/auth-error.js';
import { can, type Action, type Actor } from '../auth/roles.js';
import type { ClinicDatabase } from './database.js';
import { notOwnConsultError, writeModelNotes, type ModelNotesInput } from './model-notes.js';
import {
  findExactPatient,
  getPatient,
  insertPatient,
  searchPatients,
  type PatientIdentityInput,
  type PatientRow,
} from './patients.js';

export type { Actor, ModelNotesInput };

export interface EncounterRecord {
  idempotencyKey: string;
  visitDate: string;
  followUpDate: string | null;
  caseRef?: string;
  edition: string;
  protocol: string | null;
  urgentReferral: boolean;
  classifications: readonly string[];
  input: unknown;
  result: unknown;
  identity?: PatientIdentityInput & { patientId?: string };
}

export interface SavedEncounter {
  encounterId: string;
  /** False when this consult had been saved before (a double submit). */
  created: boolean;
  patientId: string | null;
  previousEncounterId: string | null;
  /** Likely duplicates of a newly registered patient, with a merge offer. */
  duplicates: readonly { id: string }[];
}

export interface EncounterSummary {
  id: string;
  /** Doctors' overrides: classification, replacement, reason, who, when. */
  overrides: readonly {
    classificationId: string;
    replacement: string | null;
    reason: string;
    by: string;
    at: string;
  }[];
  patientId: string | null;
  previousEncounterId: string | null;
  visitDate: string;
  followUpDate: string | null;
  edition: string;
  urgentReferral: boolean;
  classifications: string[];
  createdAt: string;
  /** The weight entered at this visit, for the growth chart of the history; null: none. */
  weightKg: number | null;
}

interface EncounterDbRow {
  id: string;
  patient_id: string | null;
  previous_encounter_id: string | null;
  visit_date: string;
  follow_up_date: string | null;
  edition: string;
  urgent_referral: number;
  classifications: string;
  created_at: string;
  input_json: string;
  result_deflate: Buffer;
  override_json: string | null;
}

function summary(r: EncounterDbRow): EncounterSummary {
  return {
    overrides: r.override_json
      ? (JSON.parse(r.override_json) as EncounterSummary['overrides'])
      : [],
    id: r.id,
    patientId: r.patient_id,
    previousEncounterId: r.previous_encounter_id,
    visitDate: r.visit_date,
    followUpDate: r.follow_up_date,
    edition: r.edition,
    urgentReferral: r.urgent_referral === 1,
    classifications: JSON.parse(r.classifications) as string[],
    createdAt: r.created_at,
    weightKg: weightOf(r.input_json),
  };
}

/** The weight of a stored case (the parsed clinical case: `patient.weightKg` in kg). */
function weightOf(inputJson: string): number | null {
  const input = JSON.parse(inputJson) as { patient?: { weightKg?: unknown } } | null;
  const value = input?.patient?.weightKg;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

export interface ClinicStore {
  readonly db: ClinicDatabase;
  saveEncounter(record: EncounterRecord, actor?: Actor | null): SavedEncounter;
  getEncounter(
    id: string,
    actor?: Actor | null,
  ): (EncounterSummary & { input: unknown; result: unknown }) | undefined;
  history(patientId: string, actor?: Actor | null): EncounterSummary[];
  registerPatient(
    identity: PatientIdentityInput,
    actor?: Actor | null,
  ): { id: string; duplicates: PatientRow[] };
  getPatient(id: string, actor?: Actor | null): PatientRow | undefined;
  searchPatients(query: string, actor?: Actor | null): PatientRow[];
  mergePatients(keepId: string, dropId: string, actor?: Actor | null): void;
  /** Records a doctor's override of a classification, with its reason (see auth/override.ts). */
  overrideClassification(
    encounterId: string,
    override: { classificationId: string; replacement: string | null; reason: string },
    actor: Actor,
  ): void;
  erasePatient(
    patientId: string,
    actor?: Actor | null,
  ): { encounters: number; tombstoneId: string };
  /**
   * Adds the model's notes to an encounter the same user saved (model-notes.ts); false when it
   * had notes already. Audited as a change of the encounter.
   */
  attachModelNotes(
    encounterId: string,
    notes: ModelNotesInput,
    actor: Actor,
  ): { attached: boolean };
  countEncounters(): number;
  pendingOutbox(): number;
  close(): void;
}

/**
 * Wraps an open clinic database (see database.ts) as the record store. Every method checks the
 * actor's permission against the one matrix (auth/roles.ts) and writes its audit row; a null
 * actor is the clinic's own maintenance code (benchmarks, migrations), never a person.
 */
export function createClinicStore(db: ClinicDatabase, clock = () => new Date()): ClinicStore {
  const now = () => clock().toISOString();
  const audit = (
    actor: Actor | null | undefined,
    action: Action,
    entityType: string,
    entityId: string | null,
    outcome: 'ok' | 'denied',
    detail?: string,
  ) =>
    appendAudit(db, {
      at: clock(),
      userId: actor?.userId ?? null,
      role: actor?.role ?? null,
      action,
      entityType,
      ...(entityId === null ? {} : { entityId }),
      outcome,
      ...(detail ? { detail } : {}),
    });
  const guard = (
    actor: Actor | null | undefined,
    action: Action,
    entityType: string,
    entityId: string | null,
  ) => {
    if (actor && !can(actor.role, action)) {
      audit(actor, action, entityType, entityId, 'denied');
      throw new ForbiddenError(actor.role, action);
    }
  };
  const log = (
    actor: Actor | null | undefined,
    action: Action,
    entityType: string,
    entityId: string | null,
    detail?: string,
  ) => audit(actor, action, entityType, entityId, 'ok', detail);

  const insertEncounter = db.prepare(
    `INSERT INTO encounters (id, idempotency_key, patient_id, previous_encounter_id, user_id, created_at,
       visit_date, follow_up_date, case_ref, edition, protocol, urgent_referral, classifications,
       input_json, result_deflate)
     VALUES (@id, @idempotency_key, @patient_id, @previous_encounter_id, @user_id, @created_at,
       @visit_date, @follow_up_date, @case_ref, @edition, @protocol, @urgent_referral,
       @classifications, @input_json, @result_deflate)`,
  );
  const byKey = db.prepare(
    'SELECT id, patient_id, previous_encounter_id FROM encounters WHERE idempotency_key = ?',
  );
  const latestOf = db.prepare(
    'SELECT id FROM encounters WHERE patient_id = ? ORDER BY visit_date DESC, created_at DESC LIMIT 1',
  );
  const insertOutbox = db.prepare(
    'INSERT INTO outbox (id, created_at, kind, entity_id, payload) VALUES (?, ?, ?, ?, ?)',
  );

  function resolvePatient(identity: EncounterRecord['identity'], actor: Actor | null | undefined) {
    if (!identity) return { patientId: null, duplicates: [] };
    if (identity.patientId) {
      const p = getPatient(db, identity.patientId);
      if (!p)
        throw new InputError([
          { field: 'patient.id', message: `no patient with this id [${identity.patientId}]` },
        ]);
      return { patientId: p.mergedInto ?? p.id, duplicates: [] };
    }
    if (!identity.name) return { patientId: null, duplicates: [] };
    const exact = findExactPatient(db, identity);
    if (exact) return { patientId: exact.id, duplicates: [] };
    const created = insertPatient(db, identity, now());
    log(actor, 'patient.create', 'patient', created.id);
    return { patientId: created.id, duplicates: created.duplicates.map((d) => ({ id: d.id })) };
  }

  // WAL checkpoints copy pages back into the database file (decrypt, verify, re-encrypt): they
  // run after the save has been acknowledged, when the WAL has grown past 1000 pages (SQLite's
  // own automatic threshold), so the health worker never waits for one.
  let checkpointQueued = false;
  const checkpointSoon = () => {
    if (checkpointQueued) return;
    checkpointQueued = true;
    setImmediate(() => {
      checkpointQueued = false;
      if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
    });
  };
  let savesSinceCheckpoint = 0;

  const save = db.transaction(
    (record: EncounterRecord, actor: Actor | null | undefined): SavedEncounter => {
      const existing = byKey.get(record.idempotencyKey) as
        { id: string; patient_id: string | null; previous_encounter_id: string | null } | undefined;
      if (existing) {
        return {
          encounterId: existing.id,
          created: false,
          patientId: existing.patient_id,
          previousEncounterId: existing.previous_encounter_id,
          duplicates: [],
        };
      }
      const { patientId, duplicates } = resolvePatient(record.identity, actor);
      const previous = patientId
        ? ((latestOf.get(patientId) as { id: string } | undefined)?.id ?? null)
        : null;
      const id = randomUUID();
      const createdAt = now();
      const inputJson = JSON.stringify(record.input);
      const resultDeflate = deflateRawSync(JSON.stringify(record.result));
      const classifications = JSON.stringify(record.classifications);
      insertEncounter.run({
        id,
        idempotency_key: record.idempotencyKey,
        patient_id: patientId,
        previous_encounter_id: previous,
        user_id: actor?.userId ?? null,
        created_at: createdAt,
        visit_date: record.visitDate,
        follow_up_date: record.followUpDate,
        case_ref: record.caseRef ?? null,
        edition: record.edition,
        protocol: record.protocol,
        urgent_referral: record.urgentReferral ? 1 : 0,
        classifications,
        input_json: inputJson,
        result_deflate: resultDeflate,
      });
      insertOutbox.run(randomUUID(), now(), 'encounter', id, JSON.stringify({ encounterId: id }));
      log(actor, 'consult.save', 'encounter', id);
      return {
        encounterId: id,
        created: true,
        patientId,
        previousEncounterId: previous,
        duplicates,
      };
    },
  );

  const erase = db.transaction((patientId: string, actor: Actor | null | undefined) => {
    if (!getPatient(db, patientId))
      throw new InputError([
        { field: 'patient', message: `no patient with this id [${patientId}]` },
      ]);
    const ids = (
      db
        .prepare('SELECT id FROM patients WHERE id = ? OR merged_into = ?')
        .all(patientId, patientId) as { id: string }[]
    ).map((r) => r.id);
    const encounters = ids.flatMap((pid) =>
      (
        db.prepare('SELECT id FROM encounters WHERE patient_id = ?').all(pid) as { id: string }[]
      ).map((r) => r.id),
    );
    const tombstoneId = randomUUID();
    // Unsent encounters of this patient never leave the clinic; sent ones are deleted upstream.
    for (const e of encounters)
      db.prepare(
        "DELETE FROM outbox WHERE kind = 'encounter' AND entity_id = ? AND sent_at IS NULL",
      ).run(e);
    insertOutbox.run(
      tombstoneId,
      now(),
      'tombstone',
      patientId,
      JSON.stringify({ encounterIds: encounters }),
    );
    db.prepare(
      'UPDATE encounters SET previous_encounter_id = NULL WHERE previous_encounter_id IN (SELECT id FROM encounters WHERE patient_id IN (SELECT value FROM json_each(?)))',
    ).run(JSON.stringify(ids));
    for (const pid of ids) db.prepare('DELETE FROM encounters WHERE patient_id = ?').run(pid);
    for (const pid of [...ids].reverse())
      db.prepare('UPDATE patients SET merged_into = NULL WHERE merged_into = ?').run(pid);
    for (const pid of ids) db.prepare('DELETE FROM patients WHERE id = ?').run(pid);
    log(actor, 'patient.erase', 'patient', patientId, `encounters=${encounters.length}`);
    return { encounters: encounters.length, tombstoneId };
  });

  const merge = db.transaction(
    (keepId: string, dropId: string, actor: Actor | null | undefined) => {
      if (keepId === dropId)
        throw new InputError([
          { field: 'patient', message: `cannot merge a patient with itself [${keepId}]` },
        ]);
      for (const id of [keepId, dropId]) {
        if (!getPatient(db, id))
          throw new InputError([{ field: 'patient', message: `no patient with this id [${id}]` }]);
      }
      db.prepare('UPDATE encounters SET patient_id = ? WHERE patient_id = ?').run(keepId, dropId);
      db.prepare('UPDATE patients SET merged_into = ?, updated_at = ? WHERE id = ?').run(
        keepId,
        now(),
        dropId,
      );
      log(actor, 'patient.merge', 'patient', keepId, `merged=${dropId}`);
    },
  );

  const override = db.transaction(
    (
      encounterId: string,
      o: { classificationId: string; replacement: string | null; reason: string },
      actor: Actor,
    ) => {
      const row = db
        .prepare('SELECT override_json, classifications FROM encounters WHERE id = ?')
        .get(encounterId) as { override_json: string | null; classifications: string } | undefined;
      if (!row)
        throw new InputError([
          { field: 'encounter', message: `no encounter with this id [${encounterId}]` },
        ]);
      const kebab = (n: string) =>
        n
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '');
      const names = JSON.parse(row.classifications) as string[];
      const wanted = kebab(o.classificationId);
      if (!names.some((n) => kebab(n) === wanted || kebab(n) === wanted.replace(/^yi-/, ''))) {
        throw new InputError([
          {
            field: '--classification',
            message: `not a classification of this encounter [${o.classificationId}]; it has: ${names.join('; ')}`,
          },
        ]);
      }
      const list = row.override_json ? (JSON.parse(row.override_json) as unknown[]) : [];
      // The reason is clinical content: kept with the encounter, never in the audit log.
      list.push({ ...o, by: actor.userId, at: now() });
      db.prepare('UPDATE encounters SET override_json = ? WHERE id = ?').run(
        JSON.stringify(list),
        encounterId,
      );
      log(actor, 'classification.override', 'encounter', encounterId);
    },
  );

  const attachNotes = db.transaction(
    (encounterId: string, notes: ModelNotesInput, actor: Actor) => {
      const outcome = writeModelNotes(db, encounterId, notes, actor);
      if (outcome.attached) log(actor, 'consult.save', 'encounter', encounterId, 'model-notes');
      return outcome;
    },
  );

  return {
    db,
    attachModelNotes(encounterId, notes, actor) {
      guard(actor, 'consult.save', 'encounter', encounterId);
      const { attached, refused } = attachNotes(encounterId, notes, actor);
      if (refused) {
        // Outside the transaction, so the refusal keeps its audit row.
        audit(actor, 'consult.save', 'encounter', encounterId, 'denied', 'model-notes');
        throw notOwnConsultError();
      }
      return { attached };
    },
    // Permission checks run before a transaction opens: a refusal must keep its audit row,
    // which a rolled-back transaction would take with it.
    overrideClassification(encounterId, o, actor) {
      guard(actor, 'classification.override', 'encounter', encounterId);
      override(encounterId, o, actor);
    },
    saveEncounter(record, actor) {
      guard(actor, 'consult.save', 'encounter', null);
      if (record.identity?.name && !record.identity.patientId)
        guard(actor, 'patient.create', 'patient', null);
      const saved = save(record, actor);
      // About 10 pages per save: checkpoint every 100 saves, out of the save path.
      if (++savesSinceCheckpoint >= 100) {
        savesSinceCheckpoint = 0;
        checkpointSoon();
      }
      return saved;
    },
    getEncounter(id, actor) {
      guard(actor, 'history.read', 'encounter', id);
      const row = db.prepare('SELECT * FROM encounters WHERE id = ?').get(id) as
        EncounterDbRow | undefined;
      if (!row) return undefined;
      log(actor, 'history.read', 'encounter', id);
      return {
        ...summary(row),
        input: JSON.parse(row.input_json) as unknown,
        result: JSON.parse(inflateRawSync(row.result_deflate).toString('utf8')) as unknown,
      };
    },
    history(patientId, actor) {
      guard(actor, 'history.read', 'patient', patientId);
      const rows = db
        .prepare('SELECT * FROM encounters WHERE patient_id = ? ORDER BY visit_date, created_at')
        .all(patientId) as EncounterDbRow[];
      log(actor, 'history.read', 'patient', patientId);
      return rows.map(summary);
    },
    registerPatient(identity, actor) {
      guard(actor, 'patient.create', 'patient', null);
      return db.transaction(() => {
        const created = insertPatient(db, identity, now());
        log(actor, 'patient.create', 'patient', created.id);
        return created;
      })();
    },
    getPatient(id, actor) {
      guard(actor, 'patient.read', 'patient', id);
      const p = getPatient(db, id);
      if (p) log(actor, 'patient.read', 'patient', id);
      return p;
    },
    searchPatients(query, actor) {
      guard(actor, 'patient.read', 'patient', null);
      const found = searchPatients(db, query);
      log(actor, 'patient.read', 'patient', null, `found=${found.length}`);
      return found;
    },
    mergePatients(keepId, dropId, actor) {
      guard(actor, 'patient.merge', 'patient', keepId);
      merge(keepId, dropId, actor);
    },
    erasePatient(patientId, actor) {
      guard(actor, 'patient.erase', 'patient', patientId);
      return erase(patientId, actor);
    },
    countEncounters: () =>
      (db.prepare('SELECT count(*) AS n FROM encounters').get() as { n: number }).n,
    pendingOutbox: () =>
      (
        db
          .prepare(
            'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL',
          )
          .get() as { n: number }
      ).n,
    close: () => {
      // Closing checkpoints anyway; TRUNCATE also empties the WAL file.
      if (db.open && db.pragma('journal_mode', { simple: true }) === 'wal') {
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
      db.close();
    },
  };
}
