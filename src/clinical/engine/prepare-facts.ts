import { evaluate, type EvaluationContext, type FactValue, type Facts } from './condition.js';
import type { Protocol } from './types.js';

function plainContext(protocol: Protocol, facts: Facts): EvaluationContext {
  const none = () => {
    throw new Error('implications and invalidations may use findings only');
  };
  return { facts, params: protocol.params, derived: none, classified: none };
}

/**
 * Applies a protocol's implications (a recorded finding that settles an unrecorded one) and then
 * its invalidations (observations that do not count, such as a rate counted in a crying child).
 * Implications only fill gaps: a recorded answer is never overwritten.
 */
export function prepareFacts(protocol: Protocol, raw: Facts) {
  const facts: Record<string, FactValue | undefined> = { ...raw };
  for (const rule of protocol.implications) {
    if (evaluate(rule.when, plainContext(protocol, facts)).value !== true) continue;
    for (const [key, value] of Object.entries(rule.set)) {
      if (facts[key] === undefined) facts[key] = value;
    }
  }
  const invalid: { id: string; facts: readonly string[]; message: string }[] = [];
  const snapshot: Facts = { ...facts };
  for (const rule of protocol.invalidations) {
    if (evaluate(rule.when, plainContext(protocol, snapshot)).value !== true) continue;
    const dropped = rule.facts.filter((key) => facts[key] !== undefined);
    for (const key of rule.facts) delete facts[key];
    invalid.push({ id: rule.id, facts: dropped, message: rule.message });
  }

  return { facts: facts as Facts, invalid };
}
