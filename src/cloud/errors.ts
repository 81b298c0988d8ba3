/**
 * Stable error codes of the coordinator and the HTTP status each maps to, in one place
 * (STYLE.md, "Errors"). Messages never carry patient data; ids and reasons only.
 */
import { MedAssistError } from '../shared/errors.js';

export const CLOUD_ERRORS = {
  ENROLMENT_INVALID: 401,
  CLINIC_PROOF_INVALID: 401,
  ACCESS_TOKEN_INVALID: 401,
  CLINIC_REVOKED: 403,
  /** A verified client certificate and a bearer token that name different clinics. */
  CLINIC_IDENTITY_CONFLICT: 403,
  REGION_FORBIDDEN: 403,
  BODY_INVALID: 400,
  DATABASE_UNAVAILABLE: 503,
  /** An embedded database folder held by another process. */
  DATABASE_BUSY: 503,
  /** Startup: the operator secret is unreadable, too short, or given twice. */
  CLOUD_SECRET_INVALID: 500,
  /** Startup: the secret does not open a stored token signing key. */
  SIGNING_KEY_SECRET_WRONG: 500,
  /** Startup: the token signing keys are wrapped and no secret was given. */
  SIGNING_KEY_SECRET_MISSING: 500,
} as const;

export type CloudErrorCode = keyof typeof CLOUD_ERRORS;

export class CloudError extends MedAssistError {
  constructor(code: CloudErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
    this.name = 'CloudError';
  }
}

/** The HTTP status of an error thrown by a route: ours by code, fastify's by its own. */
export function httpStatusOf(error: unknown): number {
  if (error instanceof MedAssistError) {
    if (error.code === 'INPUT_INVALID') return 400;
    return CLOUD_ERRORS[error.code as CloudErrorCode] ?? 500;
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * What the log may keep of a failed request's error. A PostgreSQL error's message, detail and
 * context can quote the statement's input (a JSON excerpt, a key value), which in a group
 * ingest holds several clinics' uploads: only its SQLSTATE and the server routine are kept.
 * Other errors keep their message and stack.
 */
export function loggableError(error: unknown): unknown {
  const e = error as { code?: unknown; routine?: unknown; severity?: unknown };
  if (typeof e?.routine === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
    return { type: 'DatabaseError', sqlstate: e.code, routine: e.routine };
  return error;
}
