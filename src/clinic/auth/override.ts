/**
 * Overriding a classification: a doctor may replace what the engine concluded, and must say
 * why. The reason is clinical text, so it is stored with the encounter by the caller and never
 * copied into the audit log or an error message.
 */
import { InputError } from '../../shared/errors.js';
import { assertCan, type Actor, type Role } from './roles.js';

/** Fewer characters than this is not a reason ("ok", "no"); a short phrase is enough. */
export const OVERRIDE_REASON_MIN = 10;
export const OVERRIDE_REASON_MAX = 2000;

export interface OverrideApproval {
  userId: string;
  role: Role;
  classificationId: string;
  reason: string;
  at: Date;
}

/**
 * Checks that the actor may override (`classification.override`, doctors only) and that a
 * reason is given; returns the approval to store beside the encounter. Throws AUTH_FORBIDDEN
 * or an InputError naming `reason` (its length, never its text).
 */
export function authorizeOverride(
  actor: Actor,
  request: { classificationId: string; reason: string },
  now = new Date(),
): OverrideApproval {
  assertCan(actor, 'classification.override');
  const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (reason.length < OVERRIDE_REASON_MIN || reason.length > OVERRIDE_REASON_MAX) {
    const range = `${OVERRIDE_REASON_MIN} to ${OVERRIDE_REASON_MAX} characters`;
    const message = `an override needs a reason of ${range} (got ${reason.length})`;
    throw new InputError([{ field: 'reason', message }]);
  }
  if (typeof request.classificationId !== 'string' || request.classificationId.trim() === '') {
    throw new InputError([{ field: 'classificationId', message: 'is required' }]);
  }

  return {
    userId: actor.userId,
    role: actor.role,
    classificationId: request.classificationId,
    reason,
    at: now,
  };
}
