import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { push, registerTestClinic } from '../support/cloud-client.js';
import { freePort } from '../support/postgres.js';
import { encounterItem } from '../support/uploads.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = existsSync(`${ROOT}dist/cli/main.js`) || existsSync(`${ROOT}dist/bin/main.js`);
const run = promisify(execFile);

test(
  'with no DATABASE_URL one command starts a working cloud on an embedded PGlite',
  { skip: BUILT ? false : 'dist/ not built: run npm run build', timeout: 90_000 },
  async () => {
    const data = mkdtempSync(join(tmpdir(), 'medassist-cloud-'));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const cli = ['bin/medassist.js', 'cloud'];
    try {
      // Enrol first: PGlite is one process at a time, so the operator command runs before serve.
      const enrolled = await run(
        process.execPath,
        [...cli, 'enrol', '--region', 'north', '--data', data],
        { cwd: ROOT, env },
      );
      const token = enrolled.stdout.trim();
      assert.match(token, /^enr_/);
      const added = await run(
        process.execPath,
        [...cli, 'operator', 'add', 'ops', '--data', data],
        {
          cwd: ROOT,
          env: { ...env, MEDASSIST_OPERATOR_PASSWORD: 'a long operator password' },
        },
      );
      assert.match(added.stdout, /operator ops can sign in/);

      const child = spawn(process.execPath, [...cli, 'serve', '--port', '0', '--data', data], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      try {
        const base = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const match = /listening on (http:\/\/\S+)/.exec(out);
            if (match?.[1]) resolve(match[1]);
          });
          child.once('exit', (code) => reject(new Error(`serve exited [${code}]`)));
        });
        const clinic = await registerTestClinic(base, token, 'north');
        const reply = await push(base, clinic, 'b1', [encounterItem('one-1', { region: 'north' })]);
        assert.deepEqual(reply.body, { accepted: ['one-1'], duplicates: [], rejected: [] });
        const auth = `Basic ${Buffer.from('ops:a long operator password').toString('base64')}`;
        const page = await fetch(`${base}/dashboard`, { headers: { authorization: auth } });
        assert.equal(page.status, 200);
        assert.equal((await fetch(`${base}/dashboard`)).status, 401);
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  },
);

test(
  'operator commands refuse bad input with exit code 2 and name the option',
  { skip: BUILT ? false : 'dist/ not built: run npm run build' },
  async () => {
    const cli = ['bin/medassist.js', 'cloud'];
    const days = run(process.execPath, [...cli, 'enrol', '--region', 'north', '--days', '500'], {
      cwd: ROOT,
    });
    await assert.rejects(days, (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr ?? '', /--days: must be 1 to 90 \[500\]/);
      return true;
    });
    const port = run(process.execPath, [...cli, 'serve', '--port', 'http'], { cwd: ROOT });
    await assert.rejects(port, (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr ?? '', /--port: must be a port number \[http\]/);
      return true;
    });
  },
);

test(
  'an unreachable database is reported by its address without the password',
  { skip: BUILT ? false : 'dist/ not built: run npm run build' },
  async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: `postgres://medassist:secret@127.0.0.1:${port}/cloud`,
    };
    const serve = run(process.execPath, ['bin/medassist.js', 'cloud', 'serve', '--port', '0'], {
      cwd: ROOT,
      env,
    });
    await assert.rejects(serve, (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 1);
      assert.match(
        error.stderr ?? '',
        /DATABASE_UNAVAILABLE.*\[postgres:\/\/127\.0\.0\.1:\d+\/cloud\]/,
      );
      assert.doesNotMatch(error.stderr ?? '', /secret/);
      return true;
    });
  },
);
