/**
 * Alerts of a region, in the region's database. Ids come from a sequence, so the cursor a
 * clinic holds is simply the highest id it has seen. A rule-made alert carries a rule key
 * (unique), so two instances running the same rule issue it once.
 */
import type { Sql } from '../db/sql.js';

export interface AlertView {
  id: string;
  region: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  body: string;
  issuedAt: string;
  expiresAt: string | null;
}

export interface NewAlert {
  region: string;
  severity: AlertView['severity'];
  title: string;
  body: string;
  expiresAt?: Date | null;
  ruleKey?: string;
}

interface AlertRow {
  id: string;
  region: string;
  severity: AlertView['severity'];
  title: string;
  body: string;
  issued_at: Date;
  expires_at: Date | null;
}

function toView(row: AlertRow): AlertView {
  return {
    id: String(row.id),
    region: row.region,
    severity: row.severity,
    title: row.title,
    body: row.body,
    issuedAt: new Date(row.issued_at).toISOString(),
    expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
  };
}

/** The new alert's id, or null when an alert with the same rule key exists already. */
export async function insertAlert(sql: Sql, alert: NewAlert): Promise<string | null> {
  const result = await sql.query<{ id: string }>(
    `INSERT INTO alerts (region, severity, title, body, expires_at, rule_key)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (rule_key) DO NOTHING RETURNING id`,
    [
      alert.region,
      alert.severity,
      alert.title,
      alert.body,
      alert.expiresAt ?? null,
      alert.ruleKey ?? null,
    ],
  );
  const row = result.rows[0];
  return row ? String(row.id) : null;
}

/** Unexpired alerts after `cursor`, oldest first, at most `limit`. */
export async function listAlerts(
  sql: Sql,
  region: string,
  cursor: number,
  limit = 100,
): Promise<AlertView[]> {
  const result = await sql.query<AlertRow>(
    `SELECT id, region, severity, title, body, issued_at, expires_at FROM alerts
     WHERE region = $1 AND id > $2 AND (expires_at IS NULL OR expires_at > now())
     ORDER BY id LIMIT $3`,
    [region, cursor, limit],
  );
  return result.rows.map(toView);
}

/** The highest alert id of the region (0 when none). */
export async function latestAlertId(sql: Sql, region: string): Promise<number> {
  const result = await sql.query<{ id: string | null }>(
    'SELECT max(id) AS id FROM alerts WHERE region = $1',
    [region],
  );
  return Number(result.rows[0]?.id ?? 0);
}
