/**
 * The hybrid orchestrator (issue 5): the protocol result and the local model answer first;
 * when their combined confidence is below the threshold and the connection allows (ONLINE or
 * DEGRADED), the case goes to the cloud model and both answers are merged by confidence
 * weight. Every model answer passes the safety gate before it is merged, so the protocol's
 * classifications, doses and referrals stand whatever any model says. Offline, or when the
 * cloud does not answer in its budget, the local answer stands with a note.
 *
 * Each model call is bounded (ask-model.ts), so the consult's worst case is the local timeout
 * plus the cloud budget.
 */
import { performance } from 'node:perf_hooks';
import type { Confidence } from '../output-schema.js';
import type { ChatEngine, ChatMessage } from '../types.js';
import type { ModelContribution, Overruled } from '../validator.js';
import { askModel, type Asked } from './ask-model.js';
import type { PromptView } from './case-prompt.js';
import { combineConfidence, DEFAULT_THRESHOLD, protocolCompleteness } from './confidence.js';
import type { CompletenessView } from './confidence.js';
import { countModel } from './counters.js';
import { mergeContributions, type MergedContribution, type Source } from './merge.js';

export type ConnectivityMode = 'ONLINE' | 'OFFLINE' | 'DEGRADED';
export type ServedBy = 'protocol-only' | 'local' | 'cloud' | 'local+cloud';
export type OrchestratorView = PromptView & CompletenessView;

export interface HybridOptions {
  local?: ChatEngine | null;
  cloud?: ChatEngine | null;
  /** The clinic's connectivity mode now (the sync agent's), read once per consult. */
  mode: () => ConnectivityMode;
  threshold?: number;
  /** Default 8 s: the consult goal with a local model is p95 under 8 s (issue 5). */
  localTimeoutMs?: number;
  /** Default 15 s: the longest a consult waits for the cloud. */
  cloudBudgetMs?: number;
  maxTokens?: number;
  /** The prompt; default `buildCasePrompt(view)`. */
  messages?: ChatMessage[];
}

export interface HybridResult {
  servedBy: ServedBy;
  escalated: boolean;
  confidence: {
    protocol: number;
    local: Confidence | null;
    cloud: Confidence | null;
    /** Protocol and local model: what decided the escalation. */
    combined: number;
    /** Protocol and the merged answer. */
    final: number;
    threshold: number;
  };
  latencyMs: { local: number | null; cloud: number | null; total: number };
  engines: { local: string | null; cloud: string | null };
  /** What the models added, after the safety gate. */
  contribution: MergedContribution | null;
  /** What the gate dropped, and from which model. */
  overruled: (Overruled & { source: Source })[];
  notes: string[];
}

// The longest answer the schema allows is about 800 characters: some 250 tokens of a BPE vocabulary.
const DEFAULTS = { localTimeoutMs: 8_000, cloudBudgetMs: 15_000, maxTokens: 384 };

interface Paths {
  local: Asked | null;
  cloud: Asked | null;
  notes: string[];
}

const answered = (a: Asked | null): ModelContribution | null => (a?.ok ? a.contribution : null);

/** Decides on and runs the escalation; counts what happened for telemetry. */
async function escalate(
  view: OrchestratorView,
  o: HybridOptions,
  combined: number,
  threshold: number,
) {
  const notes: string[] = [];
  const below = `confidence [${combined}] is below the threshold [${threshold}]`;
  if (!o.cloud) {
    notes.push(`${below}; no cloud model is configured`);
    return { cloud: null, notes };
  }
  const mode = o.mode();
  if (mode === 'OFFLINE') {
    countModel('offlineFallbacks');
    notes.push(`offline: the local answer stands (${below})`);
    return { cloud: null, notes };
  }
  countModel('cloudQueries');
  const timeoutMs = o.cloudBudgetMs ?? DEFAULTS.cloudBudgetMs;
  const cloud = await askModel(o.cloud, view, {
    timeoutMs,
    maxTokens: o.maxTokens ?? DEFAULTS.maxTokens,
    messages: o.messages,
  });
  countModel(cloud.ok ? 'cloudAnswers' : 'cloudFailures');
  if (!cloud.ok) {
    countModel('offlineFallbacks');
    notes.push(`the cloud model did not answer [${cloud.code}]: the local answer stands`);
  }
  return { cloud, notes };
}

function servedBy(local: ModelContribution | null, cloud: ModelContribution | null): ServedBy {
  if (local && cloud) return 'local+cloud';
  if (cloud) return 'cloud';
  return local ? 'local' : 'protocol-only';
}

async function runPaths(
  view: OrchestratorView,
  o: HybridOptions,
  protocol: number,
  threshold: number,
) {
  const paths: Paths = { local: null, cloud: null, notes: [] };
  if (o.local) {
    const timeoutMs = o.localTimeoutMs ?? DEFAULTS.localTimeoutMs;
    paths.local = await askModel(o.local, view, {
      timeoutMs,
      maxTokens: o.maxTokens ?? DEFAULTS.maxTokens,
      messages: o.messages,
    });
    countModel(paths.local.ok ? 'localAnswers' : 'localFailures');
    if (!paths.local.ok) paths.notes.push(`the local model did not answer [${paths.local.code}]`);
  }
  const combined = combineConfidence(protocol, answered(paths.local)?.confidence ?? null);
  if (combined < threshold) {
    const { cloud, notes } = await escalate(view, o, combined, threshold);
    paths.cloud = cloud;
    paths.notes.push(...notes);
  }
  return { paths, combined };
}

/** Runs the model paths for one consult result. Never throws for a model failure. */
export async function orchestrate(view: OrchestratorView, o: HybridOptions): Promise<HybridResult> {
  const started = performance.now();
  countModel('consults');
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  const protocol = protocolCompleteness(view);
  const { paths, combined } = await runPaths(view, o, protocol, threshold);

  const local = answered(paths.local);
  const cloud = answered(paths.cloud);
  const parts = [
    ...(local ? [{ source: 'local' as const, contribution: local }] : []),
    ...(cloud ? [{ source: 'cloud' as const, contribution: cloud }] : []),
  ];
  const overruled = parts.flatMap((p) =>
    p.contribution.overruled.map((x) => ({ ...x, source: p.source })),
  );
  countModel('overruled', overruled.length);
  const contribution = mergeContributions(parts);

  return {
    servedBy: servedBy(local, cloud),
    escalated: paths.cloud !== null,
    confidence: {
      protocol,
      local: local?.confidence ?? null,
      cloud: cloud?.confidence ?? null,
      combined,
      final: combineConfidence(protocol, contribution?.confidence ?? null),
      threshold,
    },
    latencyMs: {
      local: paths.local?.ms ?? null,
      cloud: paths.cloud?.ms ?? null,
      total: Math.round(performance.now() - started),
    },
    engines: { local: o.local?.name ?? null, cloud: o.cloud?.name ?? null },
    contribution,
    overruled,
    notes: paths.notes,
  };
}
