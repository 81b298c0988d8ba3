/**
 * Errors of login, sessions and permissions. Messages name the role, the action or the time a
 * lock ends; they never carry a PIN, a token or patient data.
 */
import { MedAssistError } from '../../shared/errors.js';

export type AuthErrorCode =
  | 'AUTH_FAILED'
  | 'AUTH_LOCKED'
  | 'AUTH_FORBIDDEN'
  | 'AUTH_SESSION_EXPIRED'
  | 'AUTH_SESSION_INVALID';

export class AuthError extends MedAssistError {
  declare readonly code: AuthErrorCode;

  constructor(
    code: AuthErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.name = 'AuthError';
  }
}

/** Thrown by `assertCan`: the role may not perform the action. */
export class ForbiddenError extends AuthError {
  constructor(role: string, action: string) {
    super('AUTH_FORBIDDEN', `role [${role}] may not perform [${action}]`, {
      details: { role, action },
    });
    this.name = 'ForbiddenError';
  }
}
