/**
 * `medassist cloud rotate-token-key`, run in process against a real PostgreSQL (the built
 * CLI is exercised by one-command.test.ts; this one needs no build).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { parseCloudSecret } from '../../src/cloud/auth/cloud-secret.js';
import { openDatabase } from '../../src/cloud/db/sql.js';
import { main } from '../../src/cli/main.js';
import { newDatabase, startCoordinator, startTestPostgres, type TestPostgres } from './harness.js';

let pg: TestPostgres;
before(async () => {
  pg = await startTestPostgres();
});
after(async () => {
  await pg.stop();
});

/** Runs the CLI with `env` added to the environment; its exit code and output. */
async function cli(args: string[], env: Record<string, string>) {
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  Object.assign(process.env, env);
  process.stdout.write = (chunk: string | Uint8Array) => out.push(String(chunk)) > 0;
  process.stderr.write = (chunk: string | Uint8Array) => out.push(String(chunk)) > 0;
  try {
    const code = await main(['node', 'medassist', 'cloud', ...args]);
    return { code, out: out.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function keys(url: string) {
  const db = await openDatabase(url);
  try {
    const found = await db.query<{ id: string; sealed: boolean; retired: boolean }>(
      `SELECT id, private_sealed IS NOT NULL AS sealed,
              coalesce(retire_at <= now(), false) AS retired
         FROM signing_keys ORDER BY created_at`,
    );
    return found.rows;
  } finally {
    await db.close();
  }
}

test('rotate-token-key adds a sealed key and retires the old one when told to', async () => {
  const url = await newDatabase(pg);
  const secretText = randomBytes(32).toString('base64');
  const cloud = await startCoordinator(
    { regions: {}, default: url },
    { secret: parseCloudSecret(Buffer.from(secretText), 'test') },
  );
  await cloud.close();
  const env = { DATABASE_URL: url, MEDASSIST_CLOUD_SECRET: secretText };

  const rotated = await cli(['rotate-token-key', '--retire-after', '0'], env);
  assert.equal(rotated.code, 0, rotated.out);
  assert.match(rotated.out, /token signing key access-\S+ signs from now on/);
  assert.match(rotated.out, /key access-1 retires in 0 s/);
  const rows = await keys(url);
  assert.deepEqual(
    rows.map((r) => [r.sealed, r.retired]),
    [
      [true, true],
      [true, false],
    ],
  );
});

test('rotate-token-key refuses a bad duration (exit 2) and a wrong secret (exit 1)', async () => {
  const url = await newDatabase(pg);
  const secretText = randomBytes(32).toString('base64');
  const cloud = await startCoordinator(
    { regions: {}, default: url },
    { secret: parseCloudSecret(Buffer.from(secretText), 'test') },
  );
  await cloud.close();

  const bad = await cli(['rotate-token-key', '--retire-after', 'soon'], { DATABASE_URL: url });
  assert.equal(bad.code, 2);
  assert.match(bad.out, /--retire-after: .*\[soon\]/);
  const wrong = await cli(['rotate-token-key'], {
    DATABASE_URL: url,
    MEDASSIST_CLOUD_SECRET: randomBytes(32).toString('base64'),
  });
  assert.equal(wrong.code, 1);
  assert.match(wrong.out, /SIGNING_KEY_SECRET_WRONG/);
  assert.equal((await keys(url)).length, 1);
});
