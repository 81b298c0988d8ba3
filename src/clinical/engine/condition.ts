/**
 * Conditions of guideline rows, as data, evaluated with three-valued (Kleene) logic.
 *
 * A finding that was not asked is unknown, never negative (VOCABULARY.md §5: "omitted is
 * unknown"). Evaluating a condition therefore gives true, false or unknown, together with the
 * findings that decided it (`because`) and the unknown findings that could still change it
 * (`unknown`). The engine uses the first set to say which findings fired a classification and
 * the second to say what to ask next.
 */

/** A finding or derived fact value as the engine sees it. */
export type FactValue = boolean | number | string;

/** Facts by key: vocabulary findings, patient figures (age_months, temperature_c ...). */
export type Facts = Readonly<Record<string, FactValue | undefined>>;

/** A threshold given inline or by the name of a protocol parameter (overridable). */
export type Threshold = number | { param: string };

/** One condition of a guideline row. Plain data, so that editions can override it. */
export type Condition =
  | { fact: string; is: boolean; assume?: boolean }
  | { fact: string; eq: string; assume?: string }
  | { fact: string; in: readonly string[] }
  | { fact: string; gte?: Threshold; gt?: Threshold; lte?: Threshold; lt?: Threshold }
  | { fact: string; present: true }
  | { derived: string }
  | { classified: string; assume?: boolean }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition }
  | { atLeast: number; of: readonly Condition[] }
  | { always: true };

/** Three-valued truth: `null` is unknown. */
export type Truth = boolean | null;

/** The outcome of one evaluation, with its trace. */
export interface Evaluation {
  value: Truth;
  /** Facts whose values decided the outcome (for "fired by"). */
  because: ReadonlySet<string>;
  /** Unknown facts that could change the outcome (for "what to ask next"). */
  unknown: ReadonlySet<string>;
  /** Facts that were missing and replaced by the row's stated assumption. */
  assumed: ReadonlySet<string>;
}

/** What a condition may look up besides raw facts. */
export interface EvaluationContext {
  facts: Facts;
  params: Readonly<Record<string, number>>;
  derived: (id: string) => Evaluation;
  classified: (classificationId: string) => Evaluation;
}

const EMPTY: ReadonlySet<string> = new Set();

function leaf(value: Truth, fact: string, assumed = false): Evaluation {
  const one = new Set([fact]);
  return {
    value,
    because: value === null ? EMPTY : one,
    unknown: value === null || assumed ? one : EMPTY,
    assumed: assumed ? one : EMPTY,
  };
}

function union(parts: readonly Evaluation[], pick: (e: Evaluation) => ReadonlySet<string>) {
  const out = new Set<string>();
  for (const part of parts) for (const key of pick(part)) out.add(key);
  return out;
}

// A decided outcome keeps only the unknowns of the parts that decided it: those can only be
// stated assumptions, which a real answer could still overturn.
function combine(value: Truth, deciding: readonly Evaluation[], open: readonly Evaluation[]) {
  return {
    value,
    because: union(deciding, (e) => e.because),
    unknown: union(open, (e) => e.unknown),
    assumed: union(open, (e) => e.assumed),
  };
}

function threshold(t: Threshold, params: Readonly<Record<string, number>>): number {
  if (typeof t === 'number') return t;
  const value = params[t.param];
  if (value === undefined) throw new Error(`protocol parameter [${t.param}] is not defined`);
  return value;
}

function compare(cond: Condition & { fact: string }, value: number, ctx: EvaluationContext) {
  const p = ctx.params;
  if ('gte' in cond && cond.gte !== undefined && !(value >= threshold(cond.gte, p))) return false;
  if ('gt' in cond && cond.gt !== undefined && !(value > threshold(cond.gt, p))) return false;
  if ('lte' in cond && cond.lte !== undefined && !(value <= threshold(cond.lte, p))) return false;
  if ('lt' in cond && cond.lt !== undefined && !(value < threshold(cond.lt, p))) return false;
  return true;
}

function evaluateFact(cond: Condition & { fact: string }, ctx: EvaluationContext): Evaluation {
  const raw = ctx.facts[cond.fact];
  if ('present' in cond) return leaf(raw !== undefined, cond.fact);
  if ('is' in cond) {
    if (raw === undefined && cond.assume !== undefined) {
      return leaf(cond.assume === cond.is, cond.fact, true);
    }
    return raw === undefined ? leaf(null, cond.fact) : leaf(raw === cond.is, cond.fact);
  }
  if ('eq' in cond) {
    if (raw === undefined && cond.assume !== undefined) {
      return leaf(cond.assume === cond.eq, cond.fact, true);
    }
    return raw === undefined ? leaf(null, cond.fact) : leaf(raw === cond.eq, cond.fact);
  }
  if ('in' in cond) {
    return raw === undefined
      ? leaf(null, cond.fact)
      : leaf(cond.in.includes(String(raw)), cond.fact);
  }
  if (raw === undefined) return leaf(null, cond.fact);
  if (typeof raw !== 'number') return leaf(false, cond.fact);
  return leaf(compare(cond, raw, ctx), cond.fact);
}

function evaluateAtLeast(n: number, parts: readonly Evaluation[]): Evaluation {
  const yes = parts.filter((e) => e.value === true);
  const maybe = parts.filter((e) => e.value === null);
  if (yes.length >= n) return combine(true, yes, yes);
  if (yes.length + maybe.length < n) {
    const no = parts.filter((e) => e.value === false);
    return combine(false, no, no);
  }
  return combine(null, [], parts);
}

/** Parts that decide an outcome; those resting on no assumption are preferred. */
function deciding(parts: readonly Evaluation[]): readonly Evaluation[] {
  const solid = parts.filter((e) => e.unknown.size === 0);
  return solid.length > 0 ? solid : parts;
}

function evaluateAll(parts: readonly Evaluation[]): Evaluation {
  const no = parts.filter((e) => e.value === false);
  if (no.length > 0) return combine(false, deciding(no), deciding(no));
  if (parts.every((e) => e.value === true)) return combine(true, parts, parts);
  return combine(null, [], parts);
}

function evaluateAny(parts: readonly Evaluation[]): Evaluation {
  const yes = parts.filter((e) => e.value === true);
  if (yes.length > 0) return combine(true, deciding(yes), deciding(yes));
  if (parts.every((e) => e.value === false)) return combine(false, parts, parts);
  return combine(null, [], parts);
}

function negate(e: Evaluation): Evaluation {
  return { ...e, value: e.value === null ? null : !e.value };
}

/**
 * Evaluates a condition. `all` is false as soon as one part is false; `any` is true as soon as
 * one part is true; `atLeast` is decided once enough parts are true, or too few can still be.
 * A decided outcome carries no unknowns, except facts replaced by a stated assumption.
 */
export function evaluate(cond: Condition, ctx: EvaluationContext): Evaluation {
  if ('fact' in cond) return evaluateFact(cond, ctx);
  if ('derived' in cond) return ctx.derived(cond.derived);
  if ('classified' in cond) {
    const e = ctx.classified(cond.classified);
    if (e.value !== null || cond.assume === undefined) return e;
    return { ...e, value: cond.assume };
  }
  if ('always' in cond) return { value: true, because: EMPTY, unknown: EMPTY, assumed: EMPTY };
  if ('not' in cond) return negate(evaluate(cond.not, ctx));
  if ('all' in cond) return evaluateAll(cond.all.map((c) => evaluate(c, ctx)));
  if ('any' in cond) return evaluateAny(cond.any.map((c) => evaluate(c, ctx)));
  return evaluateAtLeast(
    cond.atLeast,
    cond.of.map((c) => evaluate(c, ctx)),
  );
}
