/**
 * The protocol engine: one small evaluator for every guideline table. It owns ordering and
 * tracing; the tables themselves are data (src/clinical/protocols).
 */
import { evaluate, type Evaluation, type EvaluationContext, type Facts } from './condition.js';
import type { ClassificationRow, Group, Protocol, TreatmentRef } from './types.js';
import { prepareFacts } from './prepare-facts.js';

/** One classification reached by a table. */
export interface ClassificationResult {
  row: ClassificationRow;
  groupId: string;
  box: string;
  /** `provisional`: a more severe row of the same table is still unknown. */
  status: 'final' | 'provisional';
  /** The findings that fired the row, with their values. */
  firedBy: readonly { key: string; value: string | number | boolean }[];
  /** Findings that could still change this classification. */
  couldChange: readonly string[];
  /** Missing findings the row read with its stated assumption (e.g. no oximeter). */
  assumed: readonly string[];
  /** More severe rows of the table that are still possible. */
  possible: readonly string[];
  treatments: readonly TreatmentRef[];
}

/** What happened to one table. */
export interface GroupResult {
  group: Group;
  /** `not-entered`: its main symptom is absent; `unknown-entry`: not asked yet. */
  status: 'classified' | 'provisional' | 'not-reached' | 'not-entered' | 'unknown-entry';
  classification?: ClassificationResult;
  unknown: readonly string[];
  toAssess: readonly string[];
}

/** The engine's output for one protocol. */
export interface ProtocolResult {
  protocol: Protocol;
  groups: readonly GroupResult[];
  classifications: readonly ClassificationResult[];
  /** Finding keys still to ask that could change a classification, most urgent first. */
  unanswered: readonly string[];
  /** Chart questions of the tables in use that were not answered, even if they change nothing. */
  toAssess: readonly string[];
  /** Follow-up questions that apply depending on answers still missing (asked later). */
  toAssessLater: readonly string[];
  invalid: readonly { id: string; facts: readonly string[]; message: string }[];
  facts: Facts;
  /** Signs that mean urgent referral in an edition without a row for them (HB05 danger signs). */
  urgentSigns: { because: readonly string[]; treatments: readonly TreatmentRef[] } | null;
}

const SEVERITY_ORDER = { 'urgent-referral': 0, 'specific-treatment': 1, 'home-care': 2 } as const;

function firedBy(e: Evaluation, facts: Facts) {
  return [...e.because]
    .filter((key) => facts[key] !== undefined)
    .sort()
    .map((key) => ({ key, value: facts[key] as string | number | boolean }));
}

/** Unanswered questions that apply (`when` true), or may apply once more is known (`maybe`). */
function missingItems(items: Group['assess'], ctx: EvaluationContext, maybe = false): string[] {
  const wanted = (v: boolean | null) => (maybe ? v === null : v === true);
  return items
    .filter((item) => ctx.facts[item.key] === undefined)
    .filter((item) => (item.when === undefined ? !maybe : wanted(evaluate(item.when, ctx).value)))
    .map((item) => item.key);
}

function classifyGroup(group: Group, ctx: EvaluationContext): GroupResult {
  const entry = evaluate(group.entry, ctx);
  if (entry.value === false) return { group, status: 'not-entered', unknown: [], toAssess: [] };
  const toAssess = missingItems(group.assess, ctx);
  if (entry.value === null) {
    return { group, status: 'unknown-entry', unknown: [...entry.unknown], toAssess };
  }
  const open: Evaluation[] = [];
  const openNames: string[] = [];
  for (const row of group.rows) {
    const e = evaluate(row.when, ctx);
    if (e.value === true) {
      const couldChange = new Set([...open.flatMap((o) => [...o.unknown]), ...e.unknown]);
      const classification: ClassificationResult = {
        row,
        groupId: group.id,
        box: group.box,
        status: open.length > 0 ? 'provisional' : 'final',
        firedBy: firedBy(e, ctx.facts),
        couldChange: [...couldChange],
        assumed: [...e.assumed],
        possible: openNames,
        treatments: [],
      };
      const status = open.length > 0 ? 'provisional' : 'classified';
      return { group, status, classification, unknown: [...couldChange], toAssess };
    }
    if (e.value === null) {
      open.push(e);
      openNames.push(row.name);
    }
  }
  const unknown = [...new Set(open.flatMap((o) => [...o.unknown]))];
  return { group, status: 'not-reached', unknown, toAssess };
}

function createContext(protocol: Protocol, facts: Facts, results: GroupResult[], box: string) {
  const memo = new Map<string, Evaluation>();
  const ctx: EvaluationContext = {
    facts,
    params: protocol.params,
    derived(id) {
      const cached = memo.get(id);
      if (cached) return cached;
      const cond = protocol.derived[id];
      if (!cond) throw new Error(`derived fact [${id}] is not defined in ${protocol.id}`);
      const e = evaluate(cond, ctx);
      memo.set(id, e);
      return e;
    },
    classified: (id) => classifiedIn(results, id, box),
  };
  return ctx;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * `classified: X` is true once a table reached X (final or provisional) and unknown while X is
 * still possible. `*urgent*` asks whether a classification of another box means urgent
 * referral; only classifications already reached count, as the chart's "if the child has
 * another severe classification" reads.
 */
function classifiedIn(results: readonly GroupResult[], id: string, box: string): Evaluation {
  const decided = (value: boolean): Evaluation => ({
    value,
    because: NONE,
    unknown: NONE,
    assumed: NONE,
  });
  if (id === '*urgent*') {
    // Another box: severe persistent diarrhoea does not stop Plan C for severe dehydration.
    return decided(
      results.some((r) => r.classification?.row.referral === 'urgent' && r.group.box !== box),
    );
  }
  const reached = results.filter((r) => r.classification?.row.classificationId === id);
  if (reached.length > 0) return decided(true);
  const possible = results.filter(
    (r) => r.status !== 'classified' && r.group.rows.some((row) => row.classificationId === id),
  );
  if (possible.some((r) => r.unknown.length > 0)) {
    return {
      value: null,
      because: NONE,
      unknown: new Set(possible.flatMap((r) => r.unknown)),
      assumed: NONE,
    };
  }
  return decided(false);
}

function activeTreatments(c: ClassificationResult, ctx: EvaluationContext): TreatmentRef[] {
  return c.row.treatments.filter(
    (t) => t.when === undefined || evaluate(t.when, ctx).value === true,
  );
}

/** Runs every table of a protocol over the facts of one case. */
export function runProtocol(protocol: Protocol, rawFacts: Facts): ProtocolResult {
  const { facts, invalid } = prepareFacts(protocol, rawFacts);
  const results: GroupResult[] = [];
  for (const group of protocol.groups) {
    results.push(classifyGroup(group, createContext(protocol, facts, results, group.box)));
  }
  const ctx = createContext(protocol, facts, results, '');

  const classifications = results
    .flatMap((r) => (r.classification ? [r.classification] : []))
    .map((c) => ({
      ...c,
      treatments: activeTreatments(c, createContext(protocol, facts, results, c.box)),
    }))
    .sort((a, b) => SEVERITY_ORDER[a.row.severity] - SEVERITY_ORDER[b.row.severity]);

  const urgentSigns = protocol.urgentSigns
    ? evaluate(protocol.urgentSigns.when, ctx)
    : { value: false, because: NONE, unknown: NONE, assumed: NONE };
  const urgentSignTreatments =
    urgentSigns.value === true
      ? (protocol.urgentSigns?.treatments ?? []).filter(
          (t) => t.when === undefined || evaluate(t.when, ctx).value === true,
        )
      : [];

  const byUrgency = [...results].sort((a, b) => urgencyOf(a) - urgencyOf(b));
  const unanswered = unique(byUrgency.flatMap((r) => r.unknown)).filter(
    (k) => !isDerived(protocol, k),
  );
  const always = missingItems(protocol.alwaysAsk, ctx);
  const toAssess = unique([...always, ...results.flatMap((r) => r.toAssess)]);
  const toAssessLater = unique(
    protocol.groups
      .filter((g, i) => results[i]?.status !== 'not-entered')
      .flatMap((g) => missingItems(g.assess, ctx, true)),
  ).filter((k) => !toAssess.includes(k));

  return {
    protocol,
    groups: results,
    classifications,
    unanswered,
    toAssess,
    toAssessLater,
    invalid,
    facts,
    urgentSigns:
      urgentSigns.value === true
        ? { because: [...urgentSigns.because], treatments: urgentSignTreatments }
        : null,
  };
}

function urgencyOf(r: GroupResult): number {
  const rows = r.group.rows;
  if (r.classification) return SEVERITY_ORDER[r.classification.row.severity] - 0.5;
  return rows[0] ? SEVERITY_ORDER[rows[0].severity] : 3;
}

function isDerived(protocol: Protocol, key: string): boolean {
  return protocol.derived[key] !== undefined;
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}
