/**
 * Hardware tiers of issue 5: what each kind of site runs, and how. RAM boundaries sit below the
 * nominal sizes because a machine sold with 4 GB reports about 3.7-3.8 GiB to the OS (firmware
 * and graphics keep the rest); a 2 GB tablet reports about 1.8 GiB.
 */

export type TierId =
  'village-health-post' | 'rural-clinic' | 'district-hospital' | 'urban-hospital';

export interface Tier {
  id: TierId;
  /** Nominal RAM of the site's machine. */
  nominalRamGiB: number;
  /** The model class the tier runs locally. */
  model: '1B-q4' | '2B-q4' | '2B-q8' | '7B-q4';
  /** Memory the model may take (file + context), whatever else is free. */
  budgetBytes: number;
  maxThreads: number;
  /**
   * Small-RAM tiers read the model into memory instead of mapping it: on a machine that
   * swaps, mapped pages are dropped and re-read from disk in the middle of a consult.
   */
  useMmap: boolean;
  contextSize: number;
  /** Answers are short by design (a terse schema): the cap bounds the latency. */
  maxTokens: number;
  /** Unload the model after this long without a consult; null keeps it loaded. */
  idleUnloadMs: number | null;
  /** Hard cases may be escalated to the cloud model. */
  cloud: boolean;
  timeoutMs: number;
}

const GiB = 1024 ** 3;
const MINUTE = 60_000;

export const TIERS: Readonly<Record<TierId, Tier>> = {
  'village-health-post': {
    id: 'village-health-post',
    nominalRamGiB: 2,
    model: '1B-q4',
    budgetBytes: 1.0 * GiB,
    maxThreads: 2,
    useMmap: false,
    contextSize: 1536,
    maxTokens: 40,
    idleUnloadMs: 2 * MINUTE,
    cloud: false,
    timeoutMs: 8_000,
  },
  'rural-clinic': {
    id: 'rural-clinic',
    nominalRamGiB: 4,
    model: '2B-q4',
    budgetBytes: 1.9 * GiB,
    maxThreads: 4,
    useMmap: false,
    contextSize: 2048,
    maxTokens: 48,
    idleUnloadMs: 5 * MINUTE,
    cloud: false,
    timeoutMs: 8_000,
  },
  'district-hospital': {
    id: 'district-hospital',
    nominalRamGiB: 16,
    model: '2B-q8',
    budgetBytes: 6 * GiB,
    maxThreads: 8,
    useMmap: true,
    contextSize: 4096,
    maxTokens: 96,
    idleUnloadMs: null,
    cloud: true,
    timeoutMs: 8_000,
  },
  'urban-hospital': {
    id: 'urban-hospital',
    nominalRamGiB: 64,
    model: '7B-q4',
    budgetBytes: 24 * GiB,
    maxThreads: 16,
    useMmap: true,
    contextSize: 8192,
    maxTokens: 128,
    idleUnloadMs: null,
    cloud: true,
    timeoutMs: 8_000,
  },
};

export const TIER_IDS = Object.keys(TIERS) as TierId[];

/** Reported RAM at or above which a tier is proposed. */
export const TIER_RAM_FLOOR: Readonly<Record<TierId, number>> = {
  'village-health-post': 0,
  'rural-clinic': 3.5 * GiB,
  'district-hospital': 12 * GiB,
  'urban-hospital': 48 * GiB,
};

export interface Hardware {
  totalMemBytes: number;
  cores: number;
  /** A GPU the model can use; the CPU build here never has one. */
  gpu: boolean;
}

/**
 * The tier `setup` proposes. The urban tier needs a GPU as well as the RAM: a 7B model on CPU
 * alone misses the latency goal, so a big machine without one is a district hospital.
 */
export function proposeTier(hw: Hardware): Tier {
  const byRam = [...TIER_IDS].reverse().find((id) => hw.totalMemBytes >= TIER_RAM_FLOOR[id]);
  const id = byRam === 'urban-hospital' && !hw.gpu ? 'district-hospital' : byRam;

  return TIERS[id ?? 'village-health-post'];
}

/**
 * Threads for llama.cpp: all cores on a small machine, one left for the clinic node from four
 * up, never more than the tier's cap. Spare threads hurt: on 2 busy cores llama.cpp with more
 * threads than cores runs ten times slower (../shared/models/README.md).
 */
export function threadsFor(tier: Tier, cores: number): number {
  const usable = cores >= 4 ? cores - 1 : cores;

  return Math.max(1, Math.min(tier.maxThreads, usable));
}

export function isTierId(value: string): value is TierId {
  return (TIER_IDS as string[]).includes(value);
}
