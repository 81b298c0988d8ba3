/**
 * The optional model step of `medassist consult`: which engines the orchestrator gets, from
 * the clinic configuration (`model` for the local engine, `hybrid` for the cloud model) and
 * the flags. With neither configured there is no model step and the consult is as before.
 *
 * The connectivity mode is the one the sync agent last found (`readSyncStatus`) for a
 * registered clinic; without a clinic or sync, a cloud model named by flag or config is taken
 * as reachable (`--offline` says otherwise). An unreachable cloud still falls back to the local
 * answer within the cloud budget.
 */
import type { ClinicConfig } from '../../clinic/config.js';
import type { HybridOptions } from '../../inference/orchestrator/index.js';
import type { ChatEngine } from '../../inference/types.js';
import type { Mode } from '../../protocol/v1.js';
import { InputError } from '../../shared/errors.js';

export interface ModelStepFlags {
  cloudModel?: string;
  offline?: boolean;
}

export interface ModelStep {
  options: HybridOptions;
  close(): Promise<void>;
}

export type CreateLocalEngine = (o: {
  modelPath: string;
  threads: number;
  timeoutMs: number;
}) => Promise<ChatEngine>;

function cloudUrl(flag: string | undefined, config: ClinicConfig | null): string | null {
  const url = flag ?? config?.hybrid?.cloud?.url ?? null;
  if (url !== null && !/^https?:\/\/[^\s/]+/.test(url)) {
    throw new InputError([{ field: '--cloud-model', message: `must be an http(s) URL [${url}]` }]);
  }
  return url;
}

async function cloudEngine(
  url: string,
  config: ClinicConfig | null,
  budgetMs: number,
  clinicToken?: () => Promise<string>,
  clinicFetch?: (url: string, init?: RequestInit) => Promise<Response>,
) {
  const { createOpenAiEngine } = await import('../../inference/openai/client.js');
  // A registered clinic authenticates with its own short-lived token; the variable is for a
  // model server outside our coordinator.
  const token = process.env.MEDASSIST_MODEL_TOKEN ?? clinicToken;
  const cloud = config?.hybrid?.cloud;
  return createOpenAiEngine({
    baseUrl: url,
    ...(cloud?.path ? { path: cloud.path } : {}),
    ...(cloud?.model ? { model: cloud.model } : {}),
    ...(token ? { token } : {}),
    ...(clinicFetch ? { fetch: clinicFetch } : {}),
    timeoutMs: budgetMs,
    totalMs: budgetMs,
  });
}

/** The engines for this consult, or null: no model configured, the consult stays as it was. */
export async function modelStepFor(
  config: ClinicConfig | null,
  flags: ModelStepFlags,
  createLocal: CreateLocalEngine | null,
  lastMode?: () => Mode,
  clinicToken?: () => Promise<string>,
  /** A registered clinic's transport: its client certificate goes to the coordinator too. */
  clinicFetch?: (url: string, init?: RequestInit) => Promise<Response>,
): Promise<ModelStep | null> {
  const url = cloudUrl(flags.cloudModel, config);
  const localPath = config?.model && !config.model.disabled ? config.model.path : null;
  if (url === null && (localPath === null || createLocal === null)) return null;

  const hybrid = config?.hybrid ?? {};
  const localTimeoutMs = hybrid.localTimeoutMs ?? 8_000;
  const cloudBudgetMs = hybrid.cloudBudgetMs ?? 15_000;
  const local =
    localPath && createLocal
      ? await createLocal({
          modelPath: localPath,
          // The tier's thread count as setup wrote it; one thread when none was written.
          threads: config?.model?.threads ?? 1,
          timeoutMs: localTimeoutMs,
        })
      : null;
  const cloud = url
    ? await cloudEngine(url, config, cloudBudgetMs, clinicToken, clinicFetch)
    : null;
  const options: HybridOptions = {
    local,
    cloud,
    mode: () => (flags.offline ? 'OFFLINE' : (lastMode?.() ?? 'ONLINE')),
    localTimeoutMs,
    cloudBudgetMs,
    ...(hybrid.threshold === undefined ? {} : { threshold: hybrid.threshold }),
  };

  return {
    options,
    close: async () => {
      await Promise.all([local?.close(), cloud?.close()]);
    },
  };
}
