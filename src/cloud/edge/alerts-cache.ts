/**
 * Alerts of the edge's region: polled from upstream with its cursor and ETag (an idle poll is
 * one 304), merged by alert id, kept on disk, and served to clinics with the edge's own cursor
 * (a sequence number of its own) and ETag, so an idle clinic poll is a 304 too. When the
 * upstream is unreachable the edge keeps serving what it has.
 */
import { z } from 'zod';

import { Alert, AlertsResponse } from '../../protocol/v1.js';
import { MedAssistError } from '../../shared/errors.js';
import type { DiskCache } from './disk-cache.js';
import { upstreamGet, type Upstream } from './upstream.js';

type AlertT = z.infer<typeof Alert>;

interface AlertsState {
  upstreamCursor: string | null;
  upstreamEtag: string | null;
  seq: number;
  items: { seq: number; alert: AlertT }[];
}

/** Enough for every alert a region has live at once; the oldest go first past this. */
const MAX_ALERTS = 1000;

export interface AlertsCache {
  /** One poll of the upstream; returns how many alerts were new or changed. */
  poll(): Promise<number>;
  /** Alerts after the edge cursor `cursor` (a sequence number; absent: all). */
  read(cursor: string | undefined): z.infer<typeof AlertsResponse>;
}

export function parseEdgeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^\d{1,15}$/.test(cursor))
    throw new MedAssistError(
      'INPUT_INVALID',
      `cursor: not an edge cursor [${cursor.slice(0, 40)}]`,
    );
  return Number(cursor);
}

export function createAlertsCache(o: {
  cache: DiskCache;
  upstream: Upstream;
  region: string;
  now?: () => number;
}): AlertsCache {
  const name = `alerts:${o.region}`;
  const now = o.now ?? Date.now;
  const load = (): AlertsState =>
    o.cache.readState<AlertsState>(name) ?? {
      upstreamCursor: null,
      upstreamEtag: null,
      seq: 0,
      items: [],
    };
  const isLive = (alert: AlertT) => alert.expiresAt === null || Date.parse(alert.expiresAt) > now();

  return {
    async poll() {
      const state = load();
      const query = new URLSearchParams({
        region: o.region,
        ...(state.upstreamCursor ? { cursor: state.upstreamCursor } : {}),
      });
      const headers: Record<string, string> = state.upstreamEtag
        ? { 'if-none-match': state.upstreamEtag }
        : {};
      const res = await upstreamGet(o.upstream, `/v1/alerts?${query.toString()}`, headers);
      if (res.status === 304) return 0;
      if (res.status !== 200)
        throw new MedAssistError(
          'EDGE_UPSTREAM_FAILED',
          `upstream alerts answered [${res.status}]`,
        );
      const body = AlertsResponse.parse(await res.json());

      const incoming = body.alerts.filter((a) => a.region === o.region);
      const replaced = new Set(incoming.map((a) => a.id));
      const kept = state.items.filter((item) => !replaced.has(item.alert.id) && isLive(item.alert));
      let seq = state.seq;
      const added = incoming.map((alert) => ({ seq: ++seq, alert }));
      o.cache.writeState(name, {
        upstreamCursor: body.cursor,
        upstreamEtag: res.headers.get('etag'),
        seq,
        items: [...kept, ...added].slice(-MAX_ALERTS),
      } satisfies AlertsState);
      return added.length;
    },
    read(cursor) {
      const state = load();
      // A cursor past the edge's own sequence comes from a wiped edge: start the clinic over.
      const asked = parseEdgeCursor(cursor);
      const after = asked > state.seq ? 0 : asked;
      const alerts = state.items
        .filter((i) => i.seq > after && isLive(i.alert))
        .map((i) => i.alert);
      return { alerts, cursor: String(Math.max(after, state.seq)) };
    },
  };
}
