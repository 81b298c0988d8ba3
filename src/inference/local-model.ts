/**
 * Opens the clinic's local model from its configuration and tier, or says why there is none.
 * The memory guard runs first: a model that would not fit is never started, and consults go
 * on with the guidelines alone with the guard's notice.
 */
import { availableParallelism, totalmem } from 'node:os';
import { createLlamaEngine, type LlamaEngine } from './llama/llama-engine.js';
import { decideFit, estimateFootprint } from './memory-guard.js';
import { proposeTier, threadsFor, TIERS, type Hardware, type Tier, type TierId } from './tiers.js';
import { MedAssistError } from '../shared/errors.js';

export interface LocalModelSettings {
  path: string;
  tier?: TierId;
  threads?: number;
  timeoutMs?: number;
}

export type LocalModel =
  | { engine: LlamaEngine; tier: Tier; maxTokens: number }
  | { engine: null; tier: Tier; code: string; notice: string };

export interface OpenOptions {
  /** Free memory now (tests); os.freemem() otherwise. */
  freeBytes?: () => number;
  cores?: number;
}

/** This machine. `gpu` is false: the installed llama.cpp build is CPU only. */
export function detectHardware(): Hardware {
  return { totalMemBytes: totalmem(), cores: availableParallelism(), gpu: false };
}

export function tierOf(settings: { tier?: TierId }): Tier {
  return settings.tier ? TIERS[settings.tier] : proposeTier(detectHardware());
}

export function openLocalModel(
  settings: LocalModelSettings,
  options: OpenOptions = {},
): LocalModel {
  const tier = tierOf(settings);
  let footprint;
  try {
    footprint = estimateFootprint(settings.path, tier.contextSize);
  } catch (error) {
    if (!(error instanceof MedAssistError)) throw error;
    return {
      engine: null,
      tier,
      code: error.code,
      notice: `${error.message}: consults go on with the guidelines alone`,
    };
  }
  const freeBytes = options.freeBytes?.();
  const fit = decideFit(footprint, {
    budgetBytes: tier.budgetBytes,
    ...(freeBytes === undefined ? {} : { freeBytes }),
  });
  if (!fit.fits) return { engine: null, tier, code: 'MODEL_DOES_NOT_FIT', notice: fit.notice };

  const engine = createLlamaEngine({
    modelPath: settings.path,
    threads: settings.threads ?? threadsFor(tier, options.cores ?? availableParallelism()),
    contextSize: tier.contextSize,
    useMmap: tier.useMmap,
    timeoutMs: settings.timeoutMs ?? tier.timeoutMs,
    idleUnloadMs: tier.idleUnloadMs,
    budgetBytes: tier.budgetBytes,
    ...(options.freeBytes ? { freeBytes: options.freeBytes } : {}),
  });

  return { engine, tier, maxTokens: tier.maxTokens };
}
