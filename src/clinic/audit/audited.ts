/**
 * One line to check permission, run a read or change of a record, and audit it:
 *
 *   const child = withAudit(db, session, { action: 'patient.read', entityType: 'patient',
 *     entityId: id }, () => store.getPatient(id));
 *
 * The work and its audit row commit in one transaction. A refusal and a failure are audited
 * too, each in a row of its own that is kept although the work was not done.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { ForbiddenError } from '../auth/auth-error.js';
import { can, type Action, type Actor } from '../auth/roles.js';
import { appendAudit } from './audit-log.js';

export interface AuditTarget {
  action: Action;
  entityType: string;
  entityId: string;
  /** Short and code-like, see AuditEntry.detail; never clinical text. */
  detail?: string;
}

/**
 * Runs `fn` if the actor may perform `target.action`, recording the outcome. `fn` must be
 * synchronous (better-sqlite3 is). If this runs inside an outer transaction that later rolls
 * back, the refusal and failure rows roll back with it.
 */
export function withAudit<T>(
  db: Database.Database,
  actor: Actor,
  target: AuditTarget,
  fn: () => T,
  now: () => Date = () => new Date(),
): T {
  const entry = (outcome: 'ok' | 'denied' | 'failed', detail?: string) => ({
    at: now(),
    userId: actor.userId,
    role: actor.role,
    action: target.action,
    entityType: target.entityType,
    entityId: target.entityId,
    outcome,
    ...(detail === undefined ? {} : { detail }),
  });

  if (!can(actor.role, target.action)) {
    appendAudit(db, entry('denied'));
    throw new ForbiddenError(String(actor.role), target.action);
  }
  try {
    return db.transaction(() => {
      const result = fn();
      appendAudit(db, entry('ok', target.detail));
      return result;
    })();
  } catch (error) {
    // The error's message is not recorded: it might quote record content.
    appendAudit(db, entry('failed', errorCode(error)));
    throw error;
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';

  return /^[A-Za-z0-9_.:-]{1,60}$/.test(text) ? `error=${text}` : 'error';
}
