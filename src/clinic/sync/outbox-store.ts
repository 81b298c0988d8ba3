/**
 * The sync agent's view of the outbox (written by the clinic store in the save transaction):
 * pending rows in seq order, turned into v1 push items, and the outcome of a push recorded in
 * one transaction per batch. A quarantined row is never retried and is counted in the status.
 */
import { inflateRawSync } from 'node:zlib';
import { Telemetry, type PushItem } from '../../protocol/v1.js';
import { MedAssistError } from '../../shared/errors.js';
import {
  anonymiseEncounter,
  resourceKeyOf,
  type AnonymiseContext,
  type StoredEncounter,
} from '../anonymise/index.js';
import type { ClinicDatabase } from '../store/database.js';

export interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  entity_id: string;
  payload: string;
}

const PENDING = 'sent_at IS NULL AND quarantined_at IS NULL';

export function readPending(db: ClinicDatabase, limit: number): OutboxRow[] {
  return db
    .prepare(
      `SELECT seq, id, kind, entity_id, payload FROM outbox WHERE ${PENDING} ORDER BY seq LIMIT ?`,
    )
    .all(limit) as OutboxRow[];
}

export function countPending(db: ClinicDatabase): number {
  return (db.prepare(`SELECT count(*) AS n FROM outbox WHERE ${PENDING}`).get() as { n: number }).n;
}

export function countQuarantined(db: ClinicDatabase): number {
  return (
    db.prepare('SELECT count(*) AS n FROM outbox WHERE quarantined_at IS NOT NULL').get() as {
      n: number;
    }
  ).n;
}

/** The quarantined items with their reasons, newest first (ids and reasons only). */
export function listQuarantined(db: ClinicDatabase, limit = 20) {
  return db
    .prepare(
      `SELECT id, kind, quarantined_at AS at, last_error AS reason FROM outbox
       WHERE quarantined_at IS NOT NULL ORDER BY seq DESC LIMIT ?`,
    )
    .all(limit) as { id: string; kind: string; at: string; reason: string | null }[];
}

function loadEncounter(db: ClinicDatabase, id: string): StoredEncounter | undefined {
  const row = db
    .prepare(
      `SELECT id, visit_date, edition, protocol, urgent_referral, input_json, result_deflate
       FROM encounters WHERE id = ?`,
    )
    .get(id) as
    | {
        id: string;
        visit_date: string;
        edition: string;
        protocol: string | null;
        urgent_referral: number;
        input_json: string;
        result_deflate: Buffer;
      }
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    visitDate: row.visit_date,
    edition: row.edition,
    protocol: row.protocol,
    urgentReferral: row.urgent_referral === 1,
    input: JSON.parse(row.input_json) as unknown,
    result: JSON.parse(inflateRawSync(row.result_deflate).toString('utf8')) as unknown,
  };
}

/** The v1 push item of an outbox row; throws `SYNC_ITEM_UNUPLOADABLE` when there is none. */
export function toPushItem(db: ClinicDatabase, row: OutboxRow, ctx: AnonymiseContext): PushItem {
  switch (row.kind) {
    case 'encounter': {
      const encounter = loadEncounter(db, row.entity_id);
      if (!encounter)
        throw new MedAssistError('SYNC_ITEM_UNUPLOADABLE', 'the encounter no longer exists []');
      return { key: row.id, kind: 'encounter', body: anonymiseEncounter(encounter, ctx) };
    }
    case 'tombstone': {
      const ids = (JSON.parse(row.payload) as { encounterIds?: unknown }).encounterIds;
      const list = Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [];
      const resourceKeys = list.map((id) => resourceKeyOf(ctx.syncSecret, id));
      return { key: row.id, kind: 'tombstone', body: { resourceKeys } };
    }
    case 'telemetry':
      return { key: row.id, kind: 'telemetry', body: Telemetry.parse(JSON.parse(row.payload)) };
    default:
      throw new MedAssistError('SYNC_ITEM_UNUPLOADABLE', `unknown outbox kind [${row.kind}]`);
  }
}

/** Records one batch's outcome in one transaction: sent, quarantined (with reason), tried. */
export function recordOutcome(
  db: ClinicDatabase,
  outcome: {
    sent: readonly string[];
    quarantined: readonly { key: string; reason: string }[];
    tried: readonly string[];
  },
  now = new Date(),
): void {
  const at = now.toISOString();
  const sent = db.prepare('UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?');
  const quarantine = db.prepare(
    'UPDATE outbox SET quarantined_at = ?, last_error = ? WHERE id = ? AND sent_at IS NULL',
  );
  const tried = db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?');
  db.transaction(() => {
    for (const id of outcome.tried) tried.run(id);
    for (const id of outcome.sent) sent.run(at, id);
    for (const q of outcome.quarantined) quarantine.run(at, q.reason.slice(0, 300), q.key);
  })();
}

/** Counts a failed try on each row, keeping the error code (never a body) for the status. */
export function recordFailure(db: ClinicDatabase, ids: readonly string[], code: string): void {
  const stmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) stmt.run(code, id);
  })();
}
