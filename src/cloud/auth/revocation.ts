/**
 * Who a clinic is and whether it is revoked, read from the default database with a short
 * cache per instance. Pushes check it on every request, so a revoked clinic's live token stops
 * working within `ttlMs` (default 5 s) on every instance without a database round trip each
 * time; mutual TLS uses it to find the region of the clinic named by a client certificate.
 */
import type { Sql } from '../db/sql.js';

export interface ClinicRecord {
  region: string;
  revoked: boolean;
}

export interface ClinicDirectory {
  /** Null for an unknown clinic. */
  lookup(clinicId: string): Promise<ClinicRecord | null>;
}

export function createClinicDirectory(sql: Sql, ttlMs = 5000): ClinicDirectory {
  const cache = new Map<string, { record: ClinicRecord | null; at: number }>();
  return {
    async lookup(clinicId) {
      const hit = cache.get(clinicId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.record;

      const found = await sql.query<{ region: string; revoked: boolean }>(
        'SELECT region, revoked_at IS NOT NULL AS revoked FROM clinics WHERE clinic_id = $1',
        [clinicId],
      );
      const record = found.rows[0] ?? null;
      // Bounded memory: clearing now and then costs one query per clinic afterwards.
      if (cache.size > 100_000) cache.clear();
      cache.set(clinicId, { record, at: Date.now() });
      return record;
    },
  };
}
