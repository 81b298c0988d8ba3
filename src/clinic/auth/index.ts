export { AuthError, ForbiddenError, type AuthErrorCode } from './auth-error.js';
export {
  ACTIONS,
  PERMISSIONS,
  ROLES,
  assertCan,
  can,
  isAction,
  isRole,
  permissionMatrixMarkdown,
  type Action,
  type Actor,
  type Role,
} from './roles.js';
export { AUDIT_SCHEMA_SQL, AUTH_SCHEMA_SQL } from './schema.js';
export {
  ARGON2_OPTIONS,
  PIN_MAX_LENGTH,
  PIN_MIN_LENGTH,
  assertValidPin,
  pinProblem,
} from './pin.js';
export {
  USER_NAME_MAX,
  changePin,
  createUser,
  disableUser,
  findUserByName,
  listUsers,
  type UserSummary,
} from './users.js';
export {
  LOCKOUT_BASE_MS,
  LOCKOUT_CAP_MS,
  LOCKOUT_THRESHOLD,
  lockoutMs,
  login,
  logout,
} from './login.js';
export {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  resumeSession,
  revokeUserSessions,
  type Session,
} from './sessions.js';
export {
  OVERRIDE_REASON_MAX,
  OVERRIDE_REASON_MIN,
  authorizeOverride,
  type OverrideApproval,
} from './override.js';
