/**
 * GET /dashboard: one server-rendered page for operators, no script and nothing from a CDN:
 * clinics by region, their last telemetry, cases per week, and alerts. Counts and ids only;
 * the cloud holds no patient data to show.
 *
 * Operators sign in with HTTP Basic authentication against their accounts (operators.ts);
 * with no account yet the page says how to make one and shows nothing else.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createFailureLimiter, hasOperators, verifyOperator } from '../auth/operators.js';
import type { Sql } from '../db/sql.js';
import type { Shards } from '../db/shards.js';

function esc(value: unknown): string {
  const text = typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function table(head: string[], rows: unknown[][]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body || `<tr><td colspan="${head.length}">none</td></tr>`}</tbody></table>`;
}

async function sections(shards: Shards): Promise<string> {
  const clinics = await shards.global.query<{ region: string; n: string; revoked: string }>(
    `SELECT region, count(*) AS n, count(revoked_at) AS revoked FROM clinics GROUP BY region ORDER BY region`,
  );
  const telemetry: unknown[][] = [];
  const weeks: unknown[][] = [];
  const alerts: unknown[][] = [];
  for (const db of shards.all()) {
    const t = await db.query<Record<string, unknown>>(
      `SELECT clinic_id, region, received_at, body->>'status' AS status, body->>'mode' AS mode,
              body->>'knowledgeVersion' AS kv
       FROM telemetry_latest ORDER BY received_at DESC LIMIT 200`,
    );
    telemetry.push(
      ...t.rows.map((r) => [
        r.clinic_id,
        r.region,
        r.status,
        r.mode,
        r.kv,
        new Date(String(r.received_at)).toISOString(),
      ]),
    );
    const w = await db.query<Record<string, unknown>>(
      `SELECT region, week, count(*) AS n, count(*) FILTER (WHERE urgent_referral) AS urgent
       FROM encounters GROUP BY region, week ORDER BY week DESC, region LIMIT 200`,
    );
    weeks.push(...w.rows.map((r) => [r.region, r.week, r.n, r.urgent]));
    const a = await db.query<Record<string, unknown>>(
      'SELECT id, region, severity, title, issued_at FROM alerts ORDER BY id DESC LIMIT 50',
    );
    alerts.push(
      ...a.rows.map((r) => [
        r.id,
        r.region,
        r.severity,
        r.title,
        new Date(String(r.issued_at)).toISOString(),
      ]),
    );
  }
  return [
    `<h2>Clinics by region</h2>${table(
      ['region', 'clinics', 'revoked'],
      clinics.rows.map((r) => [r.region, r.n, r.revoked]),
    )}`,
    `<h2>Last telemetry</h2>${table(['clinic', 'region', 'status', 'mode', 'knowledge', 'received'], telemetry)}`,
    `<h2>Cases per week</h2>${table(['region', 'week', 'cases', 'urgent referrals'], weeks)}`,
    `<h2>Alerts</h2>${table(['id', 'region', 'severity', 'title', 'issued'], alerts)}`,
  ].join('\n');
}

/** Name and password of a Basic `authorization` header (RFC 7617), or null. */
function basicCredentials(header: string | undefined): { name: string; password: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 1 ? null : { name: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** preHandler: a signed-in operator, or 401 (with the Basic challenge), 429 or 403. */
function requireOperator(global: Sql) {
  const limiter = createFailureLimiter();
  const challenge = (reply: FastifyReply, code: number, message: string) =>
    reply
      .code(code)
      .header('www-authenticate', 'Basic realm="MedAssist dashboard", charset="UTF-8"')
      .header('cache-control', 'no-store')
      .type('text/plain; charset=utf-8')
      .send(message);

  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(await hasOperators(global)))
      return reply
        .code(403)
        .type('text/plain; charset=utf-8')
        .send('No operator account yet: create one with medassist cloud operator add NAME\n');
    if (limiter.blocked(request.ip))
      return reply.code(429).type('text/plain; charset=utf-8').send('Too many failed sign-ins\n');
    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials) return challenge(reply, 401, 'Sign in as an operator\n');
    if (!(await verifyOperator(global, credentials.name, credentials.password))) {
      limiter.fail(request.ip);
      request.log.warn({ reqId: request.id, ip: request.ip }, 'dashboard sign-in failed');
      return challenge(reply, 401, 'Wrong operator name or password\n');
    }
    limiter.succeed(request.ip);
  };
}

export function registerDashboard(app: FastifyInstance, shards: Shards): void {
  app.get('/dashboard', { preHandler: requireOperator(shards.global) }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const style =
      'body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}';
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MedAssist cloud</title><style>${style}</style></head><body><h1>MedAssist cloud</h1>${await sections(shards)}</body></html>`;
  });
}
