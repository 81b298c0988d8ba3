/**
 * The clinic's configuration file (`config.json` under MEDASSIST_HOME), written atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MedAssistError } from '../shared/errors.js';
import { writeFileAtomic } from './keys/key-store.js';
import { TIER_IDS, type TierId } from '../inference/tiers.js';

const configSchema = z.object({
  clinicId: z.string(),
  name: z.string().optional(),
  createdAt: z.string(),
  timeZone: z.string(),
  /** A key file for unattended start (path), used when no passphrase is given. */
  keyFile: z.string().optional(),
  knowledge: z.object({ sha256: z.string(), version: z.string() }).optional(),
  model: z
    .object({
      /** The local GGUF file and its SHA-256; absent when the clinic runs no local model. */
      path: z.string().optional(),
      sha256: z.string().optional(),
      disabled: z.string().optional(),
      /** Hardware tier (src/inference/tiers.ts), proposed by setup from RAM and cores. */
      tier: z.enum(TIER_IDS as [TierId, ...TierId[]]).optional(),
      /** llama.cpp threads; the tier's choice for this machine when absent. */
      threads: z.number().int().min(1).max(256).optional(),
      timeoutMs: z.number().int().min(100).optional(),
    })
    .optional(),
  backup: z.object({ dir: z.string().optional() }).optional(),
  /** Set by `medassist register`: where and as whom the clinic syncs (sync/register.ts). */
  sync: z
    .object({
      coordinatorUrl: z.string(),
      edgeUrl: z.string().optional(),
      clinicId: z.string(),
      region: z.string(),
      releaseKeys: z.record(z.string(), z.string()),
      registeredAt: z.string(),
      batchSize: z.number().int().min(1).max(500).optional(),
      /** TLS files of every request to the cloud and edge (src/shared/tls/tls-files.ts): a private CA,
       * and a client certificate (subject CN = clinic id) with its key for mutual TLS. */
      tls: z
        .object({
          ca: z.string().min(1).optional(),
          cert: z.string().min(1).optional(),
          key: z.string().min(1).optional(),
        })
        .refine((t) => (t.cert === undefined) === (t.key === undefined), {
          message: 'sync.tls.cert and sync.tls.key go together',
        })
        .optional(),
    })
    .optional(),
  /** The web app's listen address: absent means loopback only; a LAN address opens it. */
  web: z.object({ host: z.string().optional() }).optional(),
  /** The model step of the consult (issue 5): escalation threshold, budgets, cloud model. */
  hybrid: z
    .object({
      threshold: z.number().min(0).max(1).optional(),
      localTimeoutMs: z.number().int().min(1).optional(),
      cloudBudgetMs: z.number().int().min(1).optional(),
      /** An OpenAI-compatible server: the coordinator, or a `medassist model serve`. */
      cloud: z
        .object({ url: z.string(), path: z.string().optional(), model: z.string().optional() })
        .optional(),
    })
    .optional(),
});
export type ClinicConfig = z.infer<typeof configSchema>;

export const configPath = (home: string) => join(home, 'config.json');

export function readConfig(home: string): ClinicConfig {
  const path = configPath(home);
  if (!existsSync(path))
    throw new MedAssistError('CLINIC_NOT_SET_UP', `no clinic here [${home}]: run medassist setup`);
  const parsed = configSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new MedAssistError(
      'CONFIG_INVALID',
      `config.json is not valid [${path}]: ${field}${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

export function writeConfig(home: string, config: ClinicConfig): void {
  writeFileAtomic(
    configPath(home),
    `${JSON.stringify(configSchema.parse(config), null, 2)}\n`,
    0o600,
  );
}

export function isSetUp(home: string): boolean {
  return existsSync(configPath(home));
}
