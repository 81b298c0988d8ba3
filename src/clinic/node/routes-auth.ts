/**
 * Sign-in by user name and PIN (auth/login.ts: lockout, audit), sign-out, and "who am I" with
 * the actions the role may perform, so the web app can hide what it may not do. The server
 * checks every permission again on each route.
 */
import type { FastifyInstance } from 'fastify';
import { ACTIONS, can, login, logout, type Session } from '../auth/index.js';
import type { NodeContext } from './node-context.js';
import {
  assertCsrfHeader,
  clearedSessionCookie,
  readCookie,
  requireSession,
  SESSION_COOKIE,
  sessionCookie,
  sessionOf,
} from './session-auth.js';

function whoAmI(session: Session) {
  return {
    user: { id: session.userId, name: session.name, role: session.role },
    permissions: ACTIONS.filter((a) => can(session.role, a)),
    expiresAt: session.expiresAt.toISOString(),
  };
}

export function registerAuthRoutes(app: FastifyInstance, ctx: NodeContext): Promise<void> {
  const { db } = ctx.clinic.store;

  app.post<{ Body: { name?: unknown; pin?: unknown } }>('/api/session', async (request, reply) => {
    assertCsrfHeader(request);
    const body = request.body ?? {};
    const { session } = await login(db, {
      name: body.name as string,
      pin: body.pin as string,
    });
    ctx.log.info({ userId: session.userId, role: session.role }, 'signed in');
    void reply.header('set-cookie', sessionCookie(session.token, ctx.secureCookies));
    return whoAmI(session);
  });

  app.get('/api/session', { preHandler: requireSession(ctx.clinic.store, null) }, (request) =>
    Promise.resolve(whoAmI(sessionOf(request))),
  );

  app.delete('/api/session', (request, reply) => {
    assertCsrfHeader(request);
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token) logout(db, token);
    void reply.header('set-cookie', clearedSessionCookie);
    return Promise.resolve({ signedOut: true });
  });

  return Promise.resolve();
}
