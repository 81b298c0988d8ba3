/**
 * DNS rebinding guard: a web page from elsewhere can point its own host name at 127.0.0.1 and
 * then talk to the node as if it were same-origin. The node therefore answers only requests
 * whose Host is an IP address or `localhost`, which is how a clinic reaches it (loopback or
 * the LAN address). Limitation: a clinic that names its node in local DNS ("clinic.lan") is
 * refused until that name is allowed here.
 */
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { MedAssistError } from '../../shared/errors.js';

/** The host name of a Host header value, without port and IPv6 brackets. */
export function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(1, header.indexOf(']'));
  const colon = header.lastIndexOf(':');
  return colon === -1 ? header : header.slice(0, colon);
}

export function isAllowedHost(header: string | undefined): boolean {
  if (!header) return false;
  const name = hostName(header.trim().toLowerCase());
  return name === 'localhost' || isIP(name) !== 0;
}

export function registerHostCheck(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (isAllowedHost(request.headers.host)) return done();
    const shown = String(request.headers.host ?? '').slice(0, 100);
    done(new MedAssistError('HOST_REFUSED', `this node answers only by address, not [${shown}]`));
  });
}
