/**
 * Storing a pushed batch exactly once. Idempotency is the `(clinic_id, key)` primary key of
 * `ingest_keys`: the keys and the rows they carry are written by one statement (data-modifying
 * CTEs), so a key is never recorded without its rows or the other way round, whatever dies
 * when. A key seen before is a duplicate: success for the clinic, nothing written.
 *
 * Tombstones run first, in their own statement: they record the resource keys (so an
 * encounter that arrives after its tombstone is not stored) and delete the encounters; the
 * weekly counts are computed from the encounters, so they follow. Re-applying a tombstone is
 * harmless, which is why it runs for duplicates too (a kill between the two statements).
 */
import type { Sql } from '../db/sql.js';
import type { ClinicIdentity } from '../auth/access-token.js';
import { sortItems, type RejectedItem, type StoredItem } from './parse-items.js';

export interface PushResult {
  accepted: string[];
  duplicates: string[];
  rejected: { key: string; reason: string }[];
}

export const INSERT_ITEMS = `
WITH input AS (
  SELECT DISTINCT ON (x.item->>'key') x.item->>'key' AS key, x.item->>'kind' AS kind,
         x.item->'body' AS body, x.item->'codes' AS codes, x.n
  FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(item, n)
  ORDER BY x.item->>'key', x.n
), fresh AS (
  INSERT INTO ingest_keys (clinic_id, key, kind, batch_id)
  SELECT $1, key, kind, $4 FROM input ON CONFLICT DO NOTHING RETURNING key
), fresh_input AS (
  SELECT i.* FROM input i JOIN fresh f USING (key)
), enc AS (
  INSERT INTO encounters (clinic_id, key, resource_key, region, week, age_months, sex, protocol,
                          edition, urgent_referral, classifications, fhir)
  SELECT $1, i.key, i.body->>'resourceKey', $2, i.body->>'week', (i.body->>'ageMonths')::int,
         i.body->>'sex', i.body->>'protocol', i.body->>'edition',
         (i.body->>'urgentReferral')::boolean,
         ARRAY(SELECT jsonb_array_elements_text(i.codes)), i.body->'fhir'
  FROM fresh_input i
  WHERE i.kind = 'encounter' AND NOT EXISTS (
    SELECT 1 FROM tombstoned t WHERE t.clinic_id = $1 AND t.resource_key = i.body->>'resourceKey')
  RETURNING 1
), history AS (
  INSERT INTO telemetry_history (clinic_id, key, region, body)
  SELECT $1, key, $2, body FROM fresh_input WHERE kind = 'telemetry' RETURNING 1
), latest AS (
  INSERT INTO telemetry_latest (clinic_id, region, body)
  SELECT $1, $2, body FROM fresh_input WHERE kind = 'telemetry' ORDER BY n DESC LIMIT 1
  ON CONFLICT (clinic_id) DO UPDATE
    SET body = excluded.body, region = excluded.region, received_at = now()
  RETURNING 1
)
SELECT key FROM fresh`;

async function applyTombstones(sql: Sql, clinicId: string, items: StoredItem[]): Promise<void> {
  const keys = items
    .filter((i) => i.kind === 'tombstone')
    .flatMap((i) => i.body.resourceKeys as string[]);
  if (keys.length === 0) return;
  await sql.query(
    `WITH marked AS (
       INSERT INTO tombstoned (clinic_id, resource_key)
       SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING 1)
     DELETE FROM encounters WHERE clinic_id = $1 AND resource_key = ANY($2::text[])`,
    [clinicId, keys],
  );
}

async function quarantine(sql: Sql, clinicId: string, batchId: string, items: RejectedItem[]) {
  if (items.length === 0) return;
  await sql.query(
    `INSERT INTO quarantine (clinic_id, key, batch_id, reason, item_sha256, item_bytes)
     SELECT $1, q->>'key', $2, q->>'reason', q->>'sha256', (q->>'bytes')::int
     FROM jsonb_array_elements($3::jsonb) AS q
     ON CONFLICT (clinic_id, key) DO UPDATE SET reason = excluded.reason, received_at = now()`,
    [clinicId, batchId, JSON.stringify(dedupe(items))],
  );
}

function dedupe<T extends { key: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.key, i])).values()];
}

/** Stores what is valid and new, quarantines what is not; says which was which. */
export async function ingestBatch(
  sql: Sql,
  clinic: ClinicIdentity,
  batchId: string,
  items: readonly { key: string }[],
): Promise<PushResult> {
  const sorted = sortItems(items, clinic.region);
  await applyTombstones(sql, clinic.clinicId, sorted.stored);

  let fresh = new Set<string>();
  if (sorted.stored.length > 0) {
    const result = await sql.query<{ key: string }>(INSERT_ITEMS, [
      clinic.clinicId,
      clinic.region,
      JSON.stringify(sorted.stored),
      batchId,
    ]);
    fresh = new Set(result.rows.map((r) => r.key));
  }
  await quarantine(sql, clinic.clinicId, batchId, sorted.rejected);

  const keys = [...new Set(sorted.stored.map((i) => i.key))];
  return {
    accepted: keys.filter((k) => fresh.has(k)),
    duplicates: keys.filter((k) => !fresh.has(k)),
    rejected: sorted.rejected.map(({ key, reason }) => ({ key, reason })),
  };
}
