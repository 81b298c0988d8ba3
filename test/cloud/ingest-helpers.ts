/** What the group ingest tests share: clinics, their pushes, row counts and a gated database. */
import type { ClinicIdentity } from '../../src/cloud/auth/access-token.js';
import type { Sql } from '../../src/cloud/db/sql.js';
import { sortPush } from '../../src/cloud/ingest/ingest.js';
import { encounterItem } from '../support/uploads.js';

let clinicCount = 0;

export function newClinic(region = 'north'): ClinicIdentity {
  clinicCount += 1;
  return { clinicId: `group-clinic-${process.pid}-${clinicCount}`, region };
}

export function encounters(clinic: ClinicIdentity, prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) =>
    encounterItem(`${prefix}-${i}`, { region: clinic.region }),
  );
}

/** Items as a clinic sends them (wire JSON: every item has its key), sorted for ingest. */
export function pushOf(clinic: ClinicIdentity, batchId: string, items: Record<string, unknown>[]) {
  return sortPush(clinic, batchId, items as { key: string }[]);
}

export async function rowCount(db: Sql, table: string, clinicId: string): Promise<number> {
  const result = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${table} WHERE clinic_id = $1`,
    [clinicId],
  );
  return Number(result.rows[0]!.n);
}

/**
 * A gate the ingest statements wait at until `open()`, so pushes pile up behind the first as
 * under load (`firstOnly`: only the first statement waits). `statements` has the items of
 * each ingest statement, in order.
 */
export function gatedSql(inner: Sql, o: { firstOnly?: boolean } = {}) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const statements: number[] = [];
  const sql: Sql = {
    async query(text, params) {
      if (text.includes('INSERT INTO ingest_keys')) {
        const group = JSON.parse(String(params![0])) as { items: unknown[] }[];
        statements.push(group.reduce((n, p) => n + p.items.length, 0));
        if (!o.firstOnly || statements.length === 1) await gate;
      }
      return inner.query(text, params);
    },
  };
  return { sql, open, statements };
}
