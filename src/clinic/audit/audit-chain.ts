/**
 * The hash chain over audit rows. Each row's hash covers the previous row's hash and every
 * field of the row, so changing, inserting or removing a row in the middle of the file breaks
 * every hash after it.
 *
 * Limitation: anyone who can rewrite the whole file can also recompute the whole chain, and
 * cutting rows off the end leaves a valid shorter chain. Both are caught only by comparing with
 * a head (`seq`, `hash`) kept elsewhere, e.g. sent with each sync; pass it as `expectedHead`.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainFields {
  seq: number;
  at: string;
  user_id: string | null;
  role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: string;
  detail: string | null;
}

/** SHA-256 (hex) over the previous hash and the row's fields as a JSON array. */
export function rowHash(prevHash: string, row: ChainFields): string {
  const fields = [
    row.seq,
    row.at,
    row.user_id,
    row.role,
    row.action,
    row.entity_type,
    row.entity_id,
    row.outcome,
    row.detail,
  ];

  return createHash('sha256')
    .update(`${prevHash}\n${JSON.stringify(fields)}`)
    .digest('hex');
}

export type ChainVerdict =
  | { ok: true; rows: number; head: { seq: number; hash: string } | null }
  | { ok: false; rows: number; seq: number; reason: string };

interface StoredRow extends ChainFields {
  prev_hash: string;
  hash: string;
}

/**
 * Walks the whole log in order and reports the first row whose links or hash do not match.
 * Reads row by row, so a long log does not have to fit in memory. With `expectedHead`, the row
 * at that seq must exist and carry that hash (detects a cut or rewritten tail).
 */
export function verifyAuditChain(
  db: Database.Database,
  expectedHead?: { seq: number; hash: string },
): ChainVerdict {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<StoredRow>;
  let prev = GENESIS_HASH;
  let count = 0;
  let headSeen = expectedHead === undefined;
  let head: { seq: number; hash: string } | null = null;

  // Leaving the for-of early closes the statement's iterator.
  for (const row of rows) {
    count++;
    const fail = (reason: string): ChainVerdict => ({
      ok: false,
      rows: count,
      seq: row.seq,
      reason,
    });
    if (row.prev_hash !== prev) return fail('prev_hash does not match the row before');
    if (row.hash !== rowHash(prev, row)) return fail('hash does not match the row');
    if (row.seq === expectedHead?.seq) {
      if (row.hash !== expectedHead.hash) return fail('hash differs from the expected head');
      headSeen = true;
    }
    prev = row.hash;
    head = { seq: row.seq, hash: row.hash };
  }

  if (!headSeen) {
    const seq = expectedHead?.seq ?? 0;
    return { ok: false, rows: count, seq, reason: 'the row of the expected head is missing' };
  }

  return { ok: true, rows: count, head };
}
