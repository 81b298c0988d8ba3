/**
 * The model's notes added to an encounter saved before they arrived (the web app shows the
 * protocol result and saves it at once; the model answers seconds later). The notes go where
 * `medassist consult` puts them: `result.model` of the stored result, so a record reads the
 * same whichever way it was made. Free model text never leaves the clinic: no outbox entry.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { InputError } from '../../shared/errors.js';
import { AuthError } from '../auth/auth-error.js';
import type { Actor } from '../auth/roles.js';
import type { ClinicDatabase } from './database.js';

export interface ModelNotesInput {
  /** The consult key of the case the model read (run-consult.ts `idempotencyKey`). */
  caseKey: string;
  /** The orchestrator's result after the safety gate, `overruled` lines included. */
  model: unknown;
}

interface Row {
  idempotency_key: string;
  user_id: string | null;
  result_deflate: Buffer;
}

/** Why the notes may not be attached, or null when they may. */
export type NotesRefusal = 'not-own-consult' | null;

/**
 * Writes the notes into the encounter's stored result unless it has notes already (a second
 * request is a no-op, never a second copy). Runs inside the caller's transaction.
 */
export function writeModelNotes(
  db: ClinicDatabase,
  encounterId: string,
  notes: ModelNotesInput,
  actor: Actor,
): { attached: boolean; refused: NotesRefusal } {
  const row = db
    .prepare('SELECT idempotency_key, user_id, result_deflate FROM encounters WHERE id = ?')
    .get(encounterId) as Row | undefined;
  if (!row) {
    throw new InputError([
      { field: 'encounter', message: `no encounter with this id [${encounterId}]` },
    ]);
  }
  // A health worker adds notes to the consult they saved; the record of another stays theirs.
  if (row.user_id !== actor.userId) return { attached: false, refused: 'not-own-consult' };
  if (row.idempotency_key !== notes.caseKey) {
    throw new InputError([
      { field: 'notesId', message: `the notes are of another case than [${encounterId}]` },
    ]);
  }

  const result = JSON.parse(inflateRawSync(row.result_deflate).toString('utf8')) as Record<
    string,
    unknown
  >;
  if (result.model !== undefined && result.model !== null) {
    return { attached: false, refused: null };
  }
  const updated = deflateRawSync(JSON.stringify({ ...result, model: notes.model }));
  db.prepare('UPDATE encounters SET result_deflate = ? WHERE id = ?').run(updated, encounterId);

  return { attached: true, refused: null };
}

export function notOwnConsultError(): AuthError {
  return new AuthError(
    'AUTH_FORBIDDEN',
    'only the user who saved this consult may add the model notes to it',
  );
}
