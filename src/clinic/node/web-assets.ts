/**
 * The web app's files (vite build output in dist/web), served by the node itself: every asset
 * is local and the Content-Security-Policy forbids loading anything from another origin, so
 * the app works the same with or without internet. Hashed files under /assets never change
 * and are cached for a year; index.html is revalidated so an update shows on the next load.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Only this origin: scripts, styles, images, fonts, fetches. No frames, no plug-ins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export async function registerWebAssets(app: FastifyInstance, webRoot: string): Promise<void> {
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    done(null, payload);
  });

  if (!existsSync(join(webRoot, 'index.html'))) {
    app.get('/', (_request, reply) =>
      reply.status(503).type('text/plain').send('the web app is not built here: run npm run build'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    index: ['index.html'],
    wildcard: true,
    cacheControl: false,
    setHeaders(res, path) {
      const immutable = path.includes(`${join('/', 'assets', '/')}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
