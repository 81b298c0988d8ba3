/**
 * Storing pushed batches exactly once. Idempotency is the `(clinic_id, key)` primary key of
 * `ingest_keys`: the keys and the rows they carry are written by one statement (data-modifying
 * CTEs), so a key is never recorded without its rows or the other way round, whatever dies
 * when. A key seen before is a duplicate: success for the clinic, nothing written.
 *
 * One statement stores the pushes of several clinics at once (`ingestPushes`): every input row
 * carries its clinic, region and batch, so a group of one is the plain case. Grouping is what
 * lets a busy region's database commit once for many pushes (group-ingest.ts).
 *
 * Tombstones run first, in their own statement: they record the resource keys (so an
 * encounter that arrives after its tombstone is not stored) and delete the encounters; the
 * weekly counts are computed from the encounters, so they follow. Re-applying a tombstone is
 * harmless, which is why it runs for duplicates too (a kill between the two statements).
 */
import type { Sql } from '../db/sql.js';
import type { ClinicIdentity } from '../auth/access-token.js';
import { storableText } from './jsonb-text.js';
import { sortItems, type RejectedItem, type StoredItem } from './parse-items.js';

export interface PushResult {
  accepted: string[];
  duplicates: string[];
  rejected: { key: string; reason: string }[];
}

/** One clinic's batch, already sorted into items to store and items to quarantine. */
export interface SortedPush {
  clinic: ClinicIdentity;
  batchId: string;
  stored: StoredItem[];
  rejected: RejectedItem[];
}

// $1 is the group: [{ c: clinic, r: region, b: batch, items }]. Input rows in group order
// (pn, n); DISTINCT ON keeps the first copy of a clinic's key, and the sort by (clinic, key)
// makes every statement take its key locks in the same order.
export const INSERT_ITEMS = `
WITH input AS (
  SELECT DISTINCT ON (p.push->>'c', x.item->>'key')
         p.push->>'c' AS clinic_id, p.push->>'r' AS region, p.push->>'b' AS batch_id,
         x.item->>'key' AS key, x.item->>'kind' AS kind, x.item->'body' AS body,
         x.item->'codes' AS codes, p.pn * 100000 + x.n AS n
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS p(push, pn)
  CROSS JOIN LATERAL jsonb_array_elements(p.push->'items') WITH ORDINALITY AS x(item, n)
  ORDER BY p.push->>'c', x.item->>'key', p.pn, x.n
), fresh AS (
  INSERT INTO ingest_keys (clinic_id, key, kind, batch_id)
  SELECT clinic_id, key, kind, batch_id FROM input ON CONFLICT DO NOTHING
  RETURNING clinic_id, key
), fresh_input AS (
  SELECT i.* FROM input i JOIN fresh f USING (clinic_id, key)
), enc AS (
  INSERT INTO encounters (clinic_id, key, resource_key, region, week, age_months, sex, protocol,
                          edition, urgent_referral, classifications, fhir)
  SELECT i.clinic_id, i.key, i.body->>'resourceKey', i.region, i.body->>'week',
         (i.body->>'ageMonths')::int, i.body->>'sex', i.body->>'protocol', i.body->>'edition',
         (i.body->>'urgentReferral')::boolean,
         ARRAY(SELECT jsonb_array_elements_text(i.codes)), i.body->'fhir'
  FROM fresh_input i
  WHERE i.kind = 'encounter' AND NOT EXISTS (
    SELECT 1 FROM tombstoned t
    WHERE t.clinic_id = i.clinic_id AND t.resource_key = i.body->>'resourceKey')
  RETURNING 1
), history AS (
  INSERT INTO telemetry_history (clinic_id, key, region, body)
  SELECT clinic_id, key, region, body FROM fresh_input WHERE kind = 'telemetry' RETURNING 1
), latest AS (
  INSERT INTO telemetry_latest (clinic_id, region, body)
  SELECT DISTINCT ON (clinic_id) clinic_id, region, body FROM fresh_input
  WHERE kind = 'telemetry' ORDER BY clinic_id, n DESC
  ON CONFLICT (clinic_id) DO UPDATE
    SET body = excluded.body, region = excluded.region, received_at = now()
  RETURNING 1
)
SELECT clinic_id, key FROM fresh`;

async function applyTombstones(sql: Sql, push: SortedPush): Promise<void> {
  const keys = push.stored
    .filter((i) => i.kind === 'tombstone')
    .flatMap((i) => i.body.resourceKeys as string[]);
  if (keys.length === 0) return;
  await sql.query(
    `WITH marked AS (
       INSERT INTO tombstoned (clinic_id, resource_key)
       SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING 1)
     DELETE FROM encounters WHERE clinic_id = $1 AND resource_key = ANY($2::text[])`,
    [push.clinic.clinicId, keys],
  );
}

async function quarantine(sql: Sql, push: SortedPush): Promise<void> {
  if (push.rejected.length === 0) return;
  await sql.query(
    `INSERT INTO quarantine (clinic_id, key, batch_id, reason, item_sha256, item_bytes)
     SELECT $1, q->>'key', $2, q->>'reason', q->>'sha256', (q->>'bytes')::int
     FROM jsonb_array_elements($3::jsonb) AS q
     ON CONFLICT (clinic_id, key) DO UPDATE SET reason = excluded.reason, received_at = now()`,
    [push.clinic.clinicId, push.batchId, JSON.stringify(dedupe(push.rejected.map(storableKey)))],
  );
}

/** The answer quotes the key as sent; the quarantine row keeps a storable copy of it. */
function storableKey(item: RejectedItem): RejectedItem {
  return { ...item, key: storableText(item.key, 128) };
}

function dedupe<T extends { key: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.key, i])).values()];
}

/** The statement's input: each push's items with its clinic, region and batch. */
function inputOf(pushes: readonly SortedPush[]): string {
  return JSON.stringify(
    pushes.map((p) => ({
      c: p.clinic.clinicId,
      r: p.clinic.region,
      b: p.batchId,
      items: p.stored,
    })),
  );
}

/**
 * Each push's outcome from the keys the statement wrote. A key that two pushes of the group
 * both carry (a clinic's retry racing its first try) was written once: it is accepted for the
 * first push and a duplicate for the other, as two separate statements would have said.
 */
function resultsOf(pushes: readonly SortedPush[], fresh: Set<string>): PushResult[] {
  const claimed = new Set<string>();
  return pushes.map((p) => {
    const result: PushResult = {
      accepted: [],
      duplicates: [],
      rejected: p.rejected.map(({ key, reason }) => ({ key, reason })),
    };
    for (const key of new Set(p.stored.map((i) => i.key))) {
      const id = JSON.stringify([p.clinic.clinicId, key]);
      const first = fresh.has(id) && !claimed.has(id);
      claimed.add(id);
      (first ? result.accepted : result.duplicates).push(key);
    }
    return result;
  });
}

/**
 * Stores what is valid and new in all `pushes` with one insert statement, quarantines what is
 * not; says for each push which was which. Tombstones and quarantine are per push (rare).
 * Both run before the insert and are idempotent: the shared insert is the last statement, so
 * when a group fails it has written nothing, and each push retried alone is answered as if
 * the group had never run (a failure after the insert would turn accepted into duplicates).
 */
export async function ingestPushes(sql: Sql, pushes: readonly SortedPush[]): Promise<PushResult[]> {
  for (const push of pushes) await applyTombstones(sql, push);
  for (const push of pushes) await quarantine(sql, push);
  const fresh = new Set<string>();
  if (pushes.some((p) => p.stored.length > 0)) {
    const result = await sql.query<{ clinic_id: string; key: string }>(INSERT_ITEMS, [
      inputOf(pushes),
    ]);
    for (const row of result.rows) fresh.add(JSON.stringify([row.clinic_id, row.key]));
  }
  return resultsOf(pushes, fresh);
}

export function sortPush(
  clinic: ClinicIdentity,
  batchId: string,
  items: readonly { key: string }[],
): SortedPush {
  // The batch id is only recorded, never matched: a storable copy keeps the push storable.
  return {
    clinic,
    batchId: storableText(batchId, 128),
    ...sortItems(items, clinic.region),
  };
}

/** One clinic's batch on its own: a group of one. */
export async function ingestBatch(
  sql: Sql,
  clinic: ClinicIdentity,
  batchId: string,
  items: readonly { key: string }[],
): Promise<PushResult> {
  const [result] = await ingestPushes(sql, [sortPush(clinic, batchId, items)]);
  return result!;
}
