/**
 * The signed-in user checked for a sync action, with the act or the refusal in the audit log
 * (the same pattern as the other administrative commands).
 */
import { appendAudit } from '../../clinic/audit/index.js';
import { assertCan, can, type Action, type Session } from '../../clinic/auth/index.js';
import type { OpenClinic } from '../../clinic/clinic.js';
import { requireSession } from '../clinic-context.js';

export function authorizeSync(clinic: OpenClinic, action: Action): Session {
  const session = requireSession(clinic);
  appendAudit(clinic.store.db, {
    at: new Date(),
    userId: session.userId,
    role: session.role,
    action,
    entityType: 'sync',
    outcome: can(session.role, action) ? 'ok' : 'denied',
  });
  assertCan(session, action);
  return session;
}
