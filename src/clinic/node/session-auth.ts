/**
 * Sessions over HTTP: the session token rides in an HttpOnly, SameSite=Strict cookie, so page
 * scripts never see it, and every state-changing request must also carry a custom header that
 * a cross-site form cannot set (OWASP CSRF cheat sheet, "Custom request headers"). Permissions
 * are checked here against the one role matrix (auth/roles.ts) before any handler runs.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { appendAudit } from '../audit/audit-log.js';
import {
  can,
  ForbiddenError,
  resumeSession,
  SESSION_ABSOLUTE_MS,
  type Action,
  type Session,
} from '../auth/index.js';
import type { ClinicStore } from '../store/clinic-store.js';
import { MedAssistError } from '../../shared/errors.js';

export const SESSION_COOKIE = 'medassist_session';
/** Sent by the web app on every POST, PUT and DELETE; its value is not a secret. */
export const CSRF_HEADER = 'x-medassist-request';

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
  }
}

/** The value of one cookie from a Cookie header (RFC 6265 §5.4), or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a new session; `Secure` only when the node is served over TLS. */
export function sessionCookie(token: string, secure: boolean): string {
  const maxAge = Math.floor(SESSION_ABSOLUTE_MS / 1000);
  const flags = `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
  return `${SESSION_COOKIE}=${token}; ${flags}`;
}

export const clearedSessionCookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refuses a state-changing request that lacks the custom header (a cross-site forgery). */
export function assertCsrfHeader(request: FastifyRequest): void {
  if (!STATE_CHANGING.has(request.method)) return;
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new MedAssistError(
      'CSRF_HEADER_MISSING',
      `state-changing requests need the header [${CSRF_HEADER}: 1]`,
    );
  }
}

/**
 * A preHandler that resumes the session from the cookie and checks the action; `null` asks
 * only for a signed-in user (reference screens that show no patient data).
 */
export function requireSession(
  store: ClinicStore,
  action: Action | null,
): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    assertCsrfHeader(request);
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) throw new MedAssistError('AUTH_REQUIRED', 'sign in first');
    const session = resumeSession(store.db, token);
    if (action !== null && !can(session.role, action)) {
      // A refusal is audited like the store's own refusals (ids and codes only).
      const { userId, role } = session;
      appendAudit(store.db, { at: new Date(), userId, role, action, outcome: 'denied' });
      throw new ForbiddenError(role, action);
    }
    request.session = session;
    return Promise.resolve();
  };
}

/** The session a guarded route runs under (set by `requireSession`). */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.session) throw new MedAssistError('AUTH_REQUIRED', 'sign in first');
  return request.session;
}
