/**
 * Alerts coming down (GET /v1/alerts with a cursor and an ETag, edge first): new alerts are
 * stored in the clinic database, so the web app and `sync status` show them offline too. An
 * idle poll is a 304 and changes nothing.
 */
import type { z } from 'zod';
import type { Alert } from '../../protocol/v1.js';
import type { ClinicDatabase } from '../store/database.js';
import type { CoordinatorClient } from './coordinator-client.js';
import { getState, setState, STATE } from './sync-state.js';

export type AlertView = z.infer<typeof Alert>;

export async function pollAlerts(
  db: ClinicDatabase,
  client: Pick<CoordinatorClient, 'alerts'>,
  region: string,
  now = new Date(),
): Promise<{ received: number; notModified: boolean }> {
  const cursor = getState(db, STATE.alertsCursor);
  const etag = getState(db, STATE.alertsEtag);
  const poll = await client.alerts(region, cursor, etag);
  if (poll.notModified) return { received: 0, notModified: true };

  const upsert = db.prepare(
    `INSERT INTO alerts (id, region, severity, title, body, issued_at, expires_at, received_at)
     VALUES (@id, @region, @severity, @title, @body, @issuedAt, @expiresAt, @receivedAt)
     ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, title = excluded.title,
       body = excluded.body, expires_at = excluded.expires_at`,
  );
  db.transaction(() => {
    for (const a of poll.body.alerts) upsert.run({ ...a, receivedAt: now.toISOString() });
    setState(db, STATE.alertsCursor, poll.body.cursor, now);
    setState(db, STATE.alertsEtag, poll.etag, now);
  })();
  return { received: poll.body.alerts.length, notModified: false };
}

/** Alerts not yet expired, most severe and newest first. */
export function activeAlerts(db: ClinicDatabase, now = new Date()): AlertView[] {
  const rows = db
    .prepare(
      `SELECT id, region, severity, title, body, issued_at, expires_at FROM alerts
       WHERE expires_at IS NULL OR expires_at > ?
       ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         issued_at DESC LIMIT 50`,
    )
    .all(now.toISOString()) as {
    id: string;
    region: string;
    severity: AlertView['severity'];
    title: string;
    body: string;
    issued_at: string;
    expires_at: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    region: r.region,
    severity: r.severity,
    title: r.title,
    body: r.body,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
  }));
}
