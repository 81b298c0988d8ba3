/**
 * A real clinic node for the API and browser tests: a fresh encrypted clinic with the real
 * knowledge base, one user per role, listening on a free loopback port. Users are named by
 * role only; no test data resembles a person.
 */
import type { HybridOptions } from '../../../inference/orchestrator/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKnowledgeBase } from '../../../knowledge/index.js';
import { createUser, type Role } from '../../auth/index.js';
import { setupClinic } from '../../clinic.js';
import { startClinicNode, type ClinicNode } from '../clinic-node.js';
import { createLogger } from '../log.js';
import type { SyncAgentHandle } from '../status-view.js';

export const PINS: Readonly<Record<Role, string>> = {
  chw: '240617',
  nurse: '381945',
  doctor: '572903',
  admin: '613482',
  support: '904271',
};

export interface NodeFixture {
  node: ClinicNode;
  url: string;
  logLines: string[];
  close(): Promise<void>;
}

export async function startNodeFixture(
  options: { webRoot?: string; syncAgent?: SyncAgentHandle; model?: HybridOptions } = {},
): Promise<NodeFixture> {
  const work = mkdtempSync(join(tmpdir(), 'medassist-api-'));
  const bundledKb = join(work, 'kb.db');
  compileKnowledgeBase({
    contentDir: fileURLToPath(new URL('../../../../content/passages', import.meta.url)),
    outFile: bundledKb,
  });
  const clinic = setupClinic(join(work, 'home'), {
    secrets: { passphrase: 'api fixture passphrase' },
    timeZone: 'UTC',
    bundledKb,
  });
  for (const role of Object.keys(PINS) as Role[]) {
    await createUser(clinic.store.db, { name: role, role, pin: PINS[role] });
  }
  const logLines: string[] = [];
  const node = await startClinicNode({
    clinic,
    host: '127.0.0.1',
    port: 0,
    log: createLogger((l) => logLines.push(l)),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.syncAgent ? { syncAgent: options.syncAgent } : {}),
    ...(options.model ? { model: options.model } : {}),
  });

  return {
    node,
    url: node.url,
    logLines,
    async close() {
      await node.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A signed-in API client: keeps the session cookie and sends the CSRF header. */
export function apiClient(base: string) {
  let cookie = '';
  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method === 'GET' ? {} : { 'x-medassist-request': '1' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? '';
    // JSON answers are read by path in the assertions; a wrong path fails the assertion.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }
  return {
    call,
    signIn: (role: Role) => call('POST', '/api/session', { name: role, pin: PINS[role] }),
  };
}
