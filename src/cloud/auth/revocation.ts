/**
 * Who a clinic is and whether it is revoked, read from the default database. Pushes check it
 * on every request, so a revoked clinic's live token stops working within `ttlMs` (default
 * 5 s) on every instance, without a database round trip per request:
 *
 * - a clinic's region is fixed at registration and revocation is one-way (enrolment.ts sets
 *   `revoked_at` once and never clears it), so a clinic seen active keeps its region here;
 * - the revoked clinics are re-read in one query at most every `ttlMs`, and a lookup waits for
 *   that refresh when the last one is older than `ttlMs`, so a stale list is never trusted
 *   (a database that cannot answer fails the request instead).
 *
 * With `ttlMs` 0 every lookup reads the clinic's row (tests that revoke and push at once).
 */
import type { Sql } from '../db/sql.js';

export interface ClinicRecord {
  region: string;
  revoked: boolean;
}

export interface ClinicDirectory {
  /** Null for an unknown clinic. */
  lookup(clinicId: string): Promise<ClinicRecord | null>;
  /**
   * Whether a clinic known to exist (the subject of a token we signed) is revoked: the
   * bearer path, which takes the region from the signed token and so needs no row.
   */
  isRevoked(clinicId: string): Promise<boolean>;
}

async function readClinic(sql: Sql, clinicId: string): Promise<ClinicRecord | null> {
  const found = await sql.query<ClinicRecord>(
    'SELECT region, revoked_at IS NOT NULL AS revoked FROM clinics WHERE clinic_id = $1',
    [clinicId],
  );
  return found.rows[0] ?? null;
}

/** The revoked clinic ids, re-read when older than `ttlMs`; one query for all waiters. */
function createRevokedList(sql: Sql, ttlMs: number) {
  let revoked = new Set<string>();
  let readAt = -Infinity;
  let pending: Promise<Set<string>> | null = null;
  const refresh = async () => {
    const startedAt = Date.now();
    const found = await sql.query<{ clinic_id: string }>(
      'SELECT clinic_id FROM clinics WHERE revoked_at IS NOT NULL',
    );
    revoked = new Set(found.rows.map((r) => r.clinic_id));
    // Dated from the start of the read: a revocation committed during it counts as unseen.
    readAt = startedAt;
    return revoked;
  };

  return (): Promise<Set<string>> => {
    if (Date.now() - readAt < ttlMs) return Promise.resolve(revoked);
    pending ??= refresh().finally(() => (pending = null));
    return pending;
  };
}

export function createClinicDirectory(sql: Sql, ttlMs = 5000): ClinicDirectory {
  if (ttlMs <= 0) {
    return {
      lookup: (clinicId) => readClinic(sql, clinicId),
      isRevoked: async (clinicId) => (await readClinic(sql, clinicId))?.revoked ?? true,
    };
  }

  const revokedNow = createRevokedList(sql, ttlMs);
  const regions = new Map<string, string>();
  return {
    async lookup(clinicId) {
      const revoked = await revokedNow();
      const region = regions.get(clinicId);
      if (region !== undefined) return { region, revoked: revoked.has(clinicId) };

      const record = await readClinic(sql, clinicId);
      // Bounded memory: clearing now and then costs one query per clinic afterwards.
      if (regions.size > 100_000) regions.clear();
      if (record && !record.revoked) regions.set(clinicId, record.region);
      return record;
    },
    isRevoked: async (clinicId) => (await revokedNow()).has(clinicId),
  };
}
