/**
 * GET /dashboard: one server-rendered page for operators, no script and nothing from a CDN:
 * clinics by region, their last telemetry, cases per week, and alerts. Counts and ids only;
 * the cloud holds no patient data to show.
 *
 * Limitation: no operator sign-in yet; serve it only on an operator network (or put the
 * coordinator behind a proxy that authenticates) until operator accounts exist.
 */
import type { FastifyInstance } from 'fastify';
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

export function registerDashboard(app: FastifyInstance, shards: Shards): void {
  app.get('/dashboard', async (_request, reply) => {
    const style =
      'body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}';
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MedAssist cloud</title><style>${style}</style></head><body><h1>MedAssist cloud</h1>${await sections(shards)}</body></html>`;
  });
}
