/**
 * The token keys an instance holds in memory: the newest signs, any not retired verifies,
 * chosen by the token's `kid` (RFC 7515 section 4.1.4). The list is reloaded from the database
 * every few seconds, so a rotation or a retirement made elsewhere (another instance, `medassist
 * cloud rotate-token-key`) takes effect everywhere within `refreshMs`. A token with a kid we do
 * not know triggers one early reload, at most once per `unknownKidReloadMs`, so a stream of
 * forged kids costs one query every few seconds, not one per request.
 *
 * Limitation: a genuine new kid arriving within `unknownKidReloadMs` of a reload caused by a
 * forged one is refused until the next timed reload (at most `refreshMs`); the clinic gets a
 * 401 and fetches a token again, which works once the list is reloaded.
 */
import type { KeyObject } from 'node:crypto';
import type { Sql } from '../db/sql.js';
import type { CloudSecret } from './cloud-secret.js';
import { insertKey, loadKeyRows, openKeyRow, wrapClearKeys, type KeyRow } from './signing-key.js';
import type { SigningKey } from './signing-key.js';

/** What verification needs: a key by kid, and a way to learn of keys made elsewhere. */
export interface KeyLookup {
  /** The public key of `kid`; null when retired or refused; undefined when unknown. */
  verifierFor(kid: string): KeyObject | null | undefined;
  /** After an unknown kid: reload the list unless that was done a moment ago. */
  reloadForUnknown?(): Promise<void>;
}

export interface TokenKeyring extends KeyLookup {
  /** The key new tokens are signed with: the newest one not retired. */
  signingKey(): SigningKey;
  /** Reloads the list now (tests, and the timer). */
  refresh(): Promise<void>;
  close(): void;
}

export interface KeyringOptions {
  secret: CloudSecret | null;
  refreshMs?: number;
  unknownKidReloadMs?: number;
  /** A key that could not be used after start (altered row, another secret): logged. */
  onError?: (error: unknown, kid: string) => void;
}

interface Entry {
  key: SigningKey | null;
  /** Local clock; Infinity when no retirement is set. */
  retireAt: number;
}

function retireAtOf(row: KeyRow, now: number): number {
  return row.retire_in_ms === null ? Infinity : now + row.retire_in_ms;
}

/** Entries from rows; keys already open are reused, retired ones are never opened. */
function entriesFrom(
  rows: KeyRow[],
  previous: Map<string, Entry>,
  o: KeyringOptions,
  strict: boolean,
) {
  const now = Date.now();
  const next = new Map<string, Entry>();
  for (const row of rows) {
    const retireAt = retireAtOf(row, now);
    const known = previous.get(row.id);
    let key = known?.key ?? null;
    if (!known && retireAt > now) {
      try {
        key = openKeyRow(row, o.secret);
      } catch (error) {
        if (strict) throw error;
        o.onError?.(error, row.id);
      }
    }
    next.set(row.id, { key, retireAt });
  }
  return next;
}

function newestUsable(entries: Map<string, Entry>): SigningKey | null {
  const now = Date.now();
  // Map order is the rows' order: newest first.
  for (const entry of entries.values()) if (entry.key && entry.retireAt > now) return entry.key;
  return null;
}

/** The keys at start: wrap clear ones (first start with a secret), create one if none. */
async function startEntries(sql: Sql, o: KeyringOptions): Promise<Map<string, Entry>> {
  if (o.secret) await wrapClearKeys(sql, o.secret);
  let entries = entriesFrom(await loadKeyRows(sql), new Map(), o, true);
  if (!newestUsable(entries)) {
    await insertKey(sql, o.secret, entries.size === 0 ? { kid: 'access-1' } : {});
    entries = entriesFrom(await loadKeyRows(sql), entries, o, true);
  }
  return entries;
}

export async function openKeyring(sql: Sql, o: KeyringOptions): Promise<TokenKeyring> {
  let entries = await startEntries(sql, o);
  let lastUnknownReload = 0;
  let inFlight: Promise<void> | null = null;

  const refresh = (): Promise<void> => {
    inFlight ??= loadKeyRows(sql)
      .then((rows) => {
        entries = entriesFrom(rows, entries, o, false);
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => o.onError?.(error, '*'));
  }, o.refreshMs ?? 5_000);
  timer.unref();

  return {
    signingKey: () => {
      const key = newestUsable(entries);
      // startEntries left one usable key and rotation only retires the older ones.
      if (!key) throw new Error('no token signing key left: run medassist cloud rotate-token-key');
      return key;
    },
    verifierFor: (kid) => {
      const entry = entries.get(kid);
      if (!entry) return undefined;
      return entry.key && entry.retireAt > Date.now() ? entry.key.publicKey : null;
    },
    reloadForUnknown: async () => {
      if (inFlight) return inFlight;
      if (Date.now() - lastUnknownReload < (o.unknownKidReloadMs ?? 3_000)) return;
      lastUnknownReload = Date.now();
      // Database trouble: the token is refused as unknown, and the timer tries again.
      await refresh().catch((error: unknown) => o.onError?.(error, '*'));
    },
    refresh,
    close: () => clearInterval(timer),
  };
}

/** A lookup of one key (tests, tools): its kid only. */
export function singleKeyLookup(key: SigningKey): KeyLookup {
  return { verifierFor: (kid) => (kid === key.kid ? key.publicKey : undefined) };
}
