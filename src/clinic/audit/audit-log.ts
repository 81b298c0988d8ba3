/**
 * The append-only audit log: who did what to which record, when, and whether it was allowed.
 * Rows hold ids and codes only, never clinical content or anyone's identity, which is why the
 * support role may read them (auth/roles.ts).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { InputError, MedAssistError } from '../../shared/errors.js';
import type { Action, Role } from '../auth/roles.js';
import { GENESIS_HASH, rowHash, type ChainFields } from './audit-chain.js';

/** Actions of the permission matrix, plus the events of login itself. */
export type AuditAction = Action | 'auth.login' | 'auth.logout' | 'auth.pin_change';
export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  at: Date;
  userId: string | null;
  role: Role | null;
  action: AuditAction;
  entityType?: string;
  entityId?: string;
  outcome: AuditOutcome;
  /** A short code-like note ("wrong-pin", "locked 60s"); never clinical text or a name. */
  detail?: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  userId: string | null;
  role: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: AuditOutcome;
  detail: string | null;
  prevHash: string;
  hash: string;
}

export const AUDIT_DETAIL_MAX = 120;
// Ids and codes only: letters, digits and a little punctuation. This cannot prove a detail is
// free of clinical text, but it keeps sentences, newlines and long values out.
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,80}$/;
const DETAIL_PATTERN = /^[A-Za-z0-9 ._:=,/-]*$/;

function badEntry(field: string, value: string): MedAssistError {
  return new MedAssistError(
    'AUDIT_ENTRY_INVALID',
    `audit entry field ${field} is not allowed: ${value}`,
    {
      details: { field },
    },
  );
}

function checkEntry(entry: AuditEntry): void {
  if (!(entry.at instanceof Date) || Number.isNaN(entry.at.getTime()))
    throw badEntry('at', 'not a valid date');
  for (const field of ['entityType', 'entityId'] as const) {
    const value = entry[field];
    if (value !== undefined && !ID_PATTERN.test(value)) throw badEntry(field, 'not an id');
  }
  const detail = entry.detail;
  if (detail !== undefined && (detail.length > AUDIT_DETAIL_MAX || !DETAIL_PATTERN.test(detail))) {
    throw badEntry(
      'detail',
      `longer than ${AUDIT_DETAIL_MAX} or not code-like (length ${detail.length})`,
    );
  }
}

/**
 * Appends one row, chained to the last. Call it inside the caller's transaction so the row and
 * the change it records commit together; outside one it commits on its own.
 */
export function appendAudit(db: Database.Database, entry: AuditEntry): AuditRow {
  checkEntry(entry);
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    at: entry.at.toISOString(),
    user_id: entry.userId,
    role: entry.role,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    outcome: entry.outcome,
    detail: entry.detail ?? null,
  };
  const hash = rowHash(prevHash, fields);
  db.prepare(
    `INSERT INTO audit_log (seq, at, user_id, role, action, entity_type, entity_id, outcome,
       detail, prev_hash, hash)
     VALUES (@seq, @at, @user_id, @role, @action, @entity_type, @entity_id, @outcome, @detail,
       @prev_hash, @hash)`,
  ).run({ ...fields, prev_hash: prevHash, hash });

  return toAuditRow({ ...fields, prev_hash: prevHash, hash });
}

function toAuditRow(row: ChainFields & { prev_hash: string; hash: string }): AuditRow {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    role: row.role,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export const AUDIT_READ_DEFAULT_LIMIT = 100;
export const AUDIT_READ_MAX_LIMIT = 1000;

/**
 * Rows in log order, oldest first: those at or after `since`, or after seq `afterSeq` (for
 * paging), at most `limit` (default 100, at most 1000). Callers check `audit.read` first.
 */
export function readAudit(
  db: Database.Database,
  options: { since?: Date; afterSeq?: number; limit?: number } = {},
): AuditRow[] {
  const limit = options.limit ?? AUDIT_READ_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_READ_MAX_LIMIT) {
    const message = `must be a whole number from 1 to ${AUDIT_READ_MAX_LIMIT} [${String(limit)}]`;
    throw new InputError([{ field: 'limit', message }]);
  }
  const rows = db
    .prepare(`SELECT * FROM audit_log WHERE at >= ? AND seq > ? ORDER BY seq LIMIT ?`)
    .all(options.since?.toISOString() ?? '', options.afterSeq ?? 0, limit) as (ChainFields & {
    prev_hash: string;
    hash: string;
  })[];

  return rows.map(toAuditRow);
}
