/**
 * Sorting a pushed batch into items to store and items to quarantine. Each item is parsed on
 * its own with the wire schema (`PushItem`), so one bad item never fails the batch; encounters
 * also pass the FHIR profile and must belong to the clinic's region.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { PushItem } from '../../protocol/v1.js';
import { checkFhirBundle, classificationCodes } from './fhir-check.js';
import { isStorableJson, jsonTextOf, storableText } from './jsonb-text.js';

export interface StoredItem {
  key: string;
  kind: 'encounter' | 'telemetry' | 'tombstone';
  body: Record<string, unknown>;
  /** Condition codes of an encounter, for the weekly counts. */
  codes: string[];
}

export interface RejectedItem {
  key: string;
  reason: string;
  sha256: string;
  bytes: number;
}

/** The zod issues as one line of paths and messages; zod's messages carry no input values. */
function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'item'}: ${i.message}`)
    .join('; ')
    .slice(0, 300);
}

function reasonToRefuse(item: PushItem, region: string): string | null {
  if (item.kind !== 'encounter') return null;
  if (item.body.region !== region) {
    return `body.region: not the clinic's region [${item.body.region.slice(0, 40)}]`;
  }
  return checkFhirBundle(item.body.fhir);
}

function rejected(raw: { key: string }, reason: string): RejectedItem {
  // An item too deep to serialise is recorded by its key and reason only.
  const text = jsonTextOf(raw) ?? '';
  return {
    key: raw.key,
    // The reason may quote a value of the item (the region): stored and sent back, so it
    // must be storable text.
    reason: storableText(reason, 300),
    sha256: createHash('sha256').update(text).digest('hex'),
    bytes: Buffer.byteLength(text),
  };
}

export function sortItems(
  items: readonly { key: string }[],
  region: string,
): { stored: StoredItem[]; rejected: RejectedItem[] } {
  const out: { stored: StoredItem[]; rejected: RejectedItem[] } = { stored: [], rejected: [] };
  for (const raw of items) {
    const parsed = PushItem.safeParse(raw);
    if (!parsed.success) {
      out.rejected.push(rejected(raw, describe(parsed.error)));
      continue;
    }
    const reason = reasonToRefuse(parsed.data, region);
    if (reason) {
      out.rejected.push(rejected(raw, reason));
      continue;
    }
    if (!isStorableJson(parsed.data)) {
      out.rejected.push(
        rejected(raw, 'item: nested too deep, or holds a NUL character or an unpaired surrogate'),
      );
      continue;
    }
    const item = parsed.data;
    const codes = item.kind === 'encounter' ? classificationCodes(item.body.fhir) : [];
    out.stored.push({ key: item.key, kind: item.kind, body: item.body, codes });
  }
  return out;
}
