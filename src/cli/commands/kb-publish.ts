/**
 * `medassist kb keygen --out FILE` and `medassist kb publish --key FILE ...`: the cloud side of
 * knowledge releases. Publish signs the knowledge DB (built from the content, or `--db`) and
 * stores it in the coordinator's release repository: PostgreSQL at `--database-url` (default
 * `DATABASE_URL`), or the coordinator's embedded PGlite folder `--pglite DIR` (stop the
 * coordinator first: an embedded database opens in one process at a time).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Command } from 'commander';

import type { Sql } from '../../cloud/releases/index.js';
import { compileKnowledgeBase } from '../../knowledge/index.js';
import {
  generateReleaseKey,
  parseReleaseKeyPem,
  releaseKeyToPem,
} from '../../knowledge/release/index.js';
import type { ReleaseManifest } from '../../protocol/v1.js';
import { InputError } from '../../shared/errors.js';
import { formatOption, write } from './kb.js';

interface PublishFlags {
  key: string;
  db?: string;
  content?: string;
  channel: string;
  deltas: string;
  release?: string;
  databaseUrl?: string;
  pglite?: string;
  data?: string;
  format: 'text' | 'json';
}

/**
 * Adds the key to the JSON map `{ keyId: publicKey }` that `cloud serve --release-keys` and
 * `edge serve --release-keys` read; keys already in the file stay (a rotation keeps both).
 */
function addToKeysJson(file: string, keyId: string, publicKey: string): void {
  let keys: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      keys = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      throw new InputError([{ field: '--keys-json', message: `not a JSON key map [${file}]` }]);
    }
  }
  writeFileSync(file, `${JSON.stringify({ ...keys, [keyId]: publicKey }, null, 2)}\n`);
}

/** Issue 4: a bundle must arrive in under 90 s at 1 Mbit/s. */
const BUNDLE_LIMIT_BYTES = 10 * 1000 * 1000;

export function registerKbPublishCommands(kb: Command, deps: { contentDir: () => string }): void {
  kb.command('keygen')
    .description('make an Ed25519 release signing key (PEM); prints its key id and public key')
    .requiredOption('--out <file>', 'private key file to write (mode 600)')
    .option('--force', 'overwrite an existing key file')
    .option('--keys-json <file>', 'also add the public key to this JSON map (for --release-keys)')
    .action((flags: { out: string; force?: boolean; keysJson?: string }, command: Command) => {
      if (existsSync(flags.out) && !flags.force)
        throw new InputError([
          { field: '--out', message: `file exists, not overwritten [${flags.out}]` },
        ]);
      const key = generateReleaseKey();
      writeFileSync(flags.out, releaseKeyToPem(key), { mode: 0o600 });
      if (flags.keysJson) addToKeysJson(flags.keysJson, key.keyId, key.publicKey);
      write(
        command,
        `key file: ${flags.out}\nkey id: ${key.keyId}\npublic key: ${key.publicKey}\n` +
          (flags.keysJson ? `added to ${flags.keysJson}\n` : ''),
      );
    });

  kb.command('publish')
    .description('sign the knowledge DB as a release, with deltas, into the release repository')
    .requiredOption('--key <file>', 'release signing key (from kb keygen)')
    .option('--db <file>', 'knowledge DB to publish (default: build it from the content)')
    .option('--content <dir>', 'passage folder to build from')
    .option('--channel <name>', 'release channel', 'stable')
    .option('--deltas <n>', 'deltas from this many earlier releases', '3')
    .option('--release <version>', 'release version (default: date, time and content hash)')
    .option('--database-url <url>', 'coordinator PostgreSQL (default: DATABASE_URL)')
    .option('--data <dir>', "coordinator's embedded PGlite folder (as cloud serve --data)")
    .option('--pglite <dir>', 'the same as --data')
    .addOption(formatOption())
    .action(async (flags: PublishFlags, command: Command) => {
      const deltaCount = parseDeltas(flags.deltas);
      if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(flags.channel))
        throw new InputError([
          { field: '--channel', message: `lowercase letters, digits, dashes [${flags.channel}]` },
        ]);
      const key = parseReleaseKeyPem(readKeyFile(flags.key));
      const { sql, close } = await openRepositoryDb(flags);
      const work = mkdtempSync(join(tmpdir(), 'medassist-kb-publish-'));
      try {
        const releases = await import('../../cloud/releases/index.js');
        await releases.migrateReleases(sql);
        const dbPath = flags.db ?? buildInto(work, flags.content ?? deps.contentDir());
        const result = await releases.publishRelease(releases.createReleaseRepository(sql), {
          dbPath,
          key,
          channel: flags.channel,
          deltaCount,
          ...(flags.release === undefined ? {} : { version: flags.release }),
        });
        if (result.status === 'unchanged')
          write(
            command,
            flags.format === 'json'
              ? `${JSON.stringify(result)}\n`
              : `unchanged: the latest release [${result.version}] has this content\n`,
          );
        else
          write(
            command,
            flags.format === 'json'
              ? `${JSON.stringify(result)}\n`
              : describe(result.manifest, key.keyId),
          );
      } finally {
        rmSync(work, { recursive: true, force: true });
        await close();
      }
    });
}

function parseDeltas(text: string): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) > 20)
    throw new InputError([{ field: '--deltas', message: `a whole number 0 to 20 [${text}]` }]);
  return Number(text);
}

function readKeyFile(path: string): string {
  if (!existsSync(path))
    throw new InputError([{ field: '--key', message: `no such file [${path}]` }]);
  return readFileSync(path, 'utf8');
}

function buildInto(dir: string, contentDir: string): string {
  const outFile = join(dir, 'knowledge.db');
  compileKnowledgeBase({ contentDir, outFile });
  return outFile;
}

async function openRepositoryDb(
  flags: PublishFlags,
): Promise<{ sql: Sql; close: () => Promise<void> }> {
  const url = flags.databaseUrl ?? process.env.DATABASE_URL;
  const folder = flags.data ?? flags.pglite;
  if (folder !== undefined) {
    // The coordinator's own opening: the folder is made if missing and locked while in use.
    const { openPgliteDatabase } = await import('../../cloud/db/sql.js');
    const db = await openPgliteDatabase(folder);
    return { sql: db, close: () => db.close() };
  }
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    return { sql: pool, close: () => pool.end() };
  }
  throw new InputError([
    {
      field: '--database-url',
      message: 'where to publish: --database-url, DATABASE_URL or --data [none given]',
    },
  ]);
}

function describe(manifest: ReleaseManifest, keyId: string): string {
  const { bundle } = manifest;
  const seconds = (bundle.size * 8) / 1_000_000;
  const lines = [
    `published ${manifest.version} (${manifest.channel})`,
    `content hash: ${manifest.contentHash}`,
    `signed by: ${keyId}`,
    `bundle: ${bundle.size} bytes gzip, ${seconds.toFixed(1)} s at 1 Mbit/s${bundle.size >= BUNDLE_LIMIT_BYTES ? ' (OVER the 10 MB limit)' : ''}`,
    ...manifest.deltas.map((d) => `delta from ${d.fromVersion}: ${d.size} bytes`),
  ];
  return `${lines.join('\n')}\n`;
}
