/**
 * The release repository on the coordinator's PostgreSQL: signed manifests and the blobs they
 * name. A release row is written after all its blobs, so a reader that sees a release can
 * always fetch everything it names, without a transaction (a pool query may land on any
 * connection).
 */
import type { BuiltRelease, SignedRelease } from '../../knowledge/release/index.js';
import { MedAssistError } from '../../shared/errors.js';
import type { Sql } from './sql.js';

export interface ReleaseSummary {
  readonly version: string;
  readonly channel: string;
  readonly bundleSha256: string;
}

export interface ReleaseRepository {
  publish(release: BuiltRelease): Promise<void>;
  latest(channel: string): Promise<ReleaseSummary | null>;
  /** The newest releases of a channel, newest first. */
  recent(channel: string, limit: number): Promise<ReleaseSummary[]>;
  signed(version: string): Promise<SignedRelease | null>;
  blobSize(sha256: string): Promise<number | null>;
  /** Bytes `start` to `end` inclusive (HTTP range semantics). */
  readBlob(sha256: string, start: number, end: number): Promise<Buffer>;
}

interface SummaryRow {
  version: string;
  channel: string;
  bundle_sha256: string;
}

const toSummary = (row: SummaryRow): ReleaseSummary => ({
  version: row.version,
  channel: row.channel,
  bundleSha256: row.bundle_sha256,
});

/** pg returns bytea as a Buffer, PGlite as a Uint8Array. */
const toBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function createReleaseRepository(sql: Sql): ReleaseRepository {
  return {
    async publish(release) {
      for (const [sha256, bytes] of release.blobs)
        await sql.query(
          `INSERT INTO release_blobs (sha256, size, data) VALUES ($1, $2, $3)
           ON CONFLICT (sha256) DO NOTHING`,
          [sha256, bytes.length, bytes],
        );
      const { version, channel, bundle } = release.manifest;
      const inserted = await sql.query(
        `INSERT INTO releases (version, channel, signed, bundle_sha256) VALUES ($1, $2, $3, $4)
         ON CONFLICT (version) DO NOTHING RETURNING seq`,
        [version, channel, JSON.stringify(release.signed), bundle.sha256],
      );
      if (inserted.rows.length === 0)
        throw new MedAssistError('KB_RELEASE_EXISTS', `release [${version}] is already published`);
    },
    async latest(channel) {
      return (await this.recent(channel, 1))[0] ?? null;
    },
    async recent(channel, limit) {
      const { rows } = await sql.query<SummaryRow>(
        `SELECT version, channel, bundle_sha256 FROM releases WHERE channel = $1
         ORDER BY seq DESC LIMIT $2`,
        [channel, limit],
      );
      return rows.map(toSummary);
    },
    async signed(version) {
      const { rows } = await sql.query<{ signed: string }>(
        'SELECT signed FROM releases WHERE version = $1',
        [version],
      );
      const row = rows[0];
      return row === undefined ? null : (JSON.parse(row.signed) as SignedRelease);
    },
    async blobSize(sha256) {
      const { rows } = await sql.query<{ size: number }>(
        'SELECT size FROM release_blobs WHERE sha256 = $1',
        [sha256],
      );
      return rows[0]?.size ?? null;
    },
    async readBlob(sha256, start, end) {
      // substring on bytea is 1-based; only the asked range leaves the database.
      const { rows } = await sql.query<{ part: Uint8Array }>(
        'SELECT substring(data FROM $2 FOR $3) AS part FROM release_blobs WHERE sha256 = $1',
        [sha256, start + 1, end - start + 1],
      );
      const row = rows[0];
      if (row === undefined) throw new MedAssistError('KB_BLOB_NOT_FOUND', `no blob [${sha256}]`);
      return toBuffer(row.part);
    },
  };
}
