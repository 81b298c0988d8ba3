/**
 * `medassist cloud rotate-token-key`: a new token signing key that signs from then on, and
 * the older keys retired after a grace period. The default grace is twice the token lifetime:
 * a token signed by an old key just before every instance switched (within the keyring's
 * refresh, seconds) is still honoured to its expiry, and after that the old key verifies
 * nothing, so a stolen one stops working. `--retire-after 0` retires the old keys at once
 * (a key known to be stolen): clinics then fetch new tokens, which costs one round trip each.
 */
import type { Sql } from '../db/sql.js';
import { InputError } from '../../shared/errors.js';
import { ACCESS_TOKEN_TTL_S } from './access-token.js';
import type { CloudSecret } from './cloud-secret.js';
import { insertKey, loadKeyRows, openKeyRow, wrapClearKeys } from './signing-key.js';

export const DEFAULT_RETIRE_AFTER_MS = 2 * ACCESS_TOKEN_TTL_S * 1000;
const MAX_RETIRE_AFTER_MS = 7 * 86_400_000;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `0`, `90s`, `20m`, `2h`, `1d` (at most 7 days) -> milliseconds. */
export function parseRetireAfter(text: string): number {
  const match = /^(\d{1,6})([smhd]?)$/.exec(text);
  const ms = match ? Number(match[1]) * (UNIT_MS[match[2] || 's'] ?? 1000) : NaN;
  if (!(ms >= 0 && ms <= MAX_RETIRE_AFTER_MS))
    throw new InputError([
      {
        field: '--retire-after',
        message: `a duration like 0, 90s, 20m, 2h or 1d, at most 7d [${text.slice(0, 40)}]`,
      },
    ]);
  return ms;
}

export interface Rotation {
  kid: string;
  /** The keys that retire, and in how many milliseconds. */
  retiring: { kid: string; inMs: number }[];
}

/**
 * Adds the new key. The stored keys are opened first, so a wrong or missing secret fails
 * here, before anything is written, rather than leaving a key no instance can open.
 */
export async function rotateTokenKey(
  sql: Sql,
  secret: CloudSecret | null,
  retireAfterMs = DEFAULT_RETIRE_AFTER_MS,
): Promise<Rotation> {
  if (secret) await wrapClearKeys(sql, secret);
  for (const row of await loadKeyRows(sql)) {
    if (row.retire_in_ms === null || row.retire_in_ms > 0) openKeyRow(row, secret);
  }
  const kid = await insertKey(sql, secret, { retireAfterMs });
  const retiring = (await loadKeyRows(sql))
    .filter((r) => r.id !== kid && r.retire_in_ms !== null && r.retire_in_ms > -1000)
    .map((r) => ({ kid: r.id, inMs: Math.max(0, Math.round(r.retire_in_ms ?? 0)) }));
  return { kid, retiring };
}
