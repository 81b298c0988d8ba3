import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, type Condition, type EvaluationContext, type Facts } from './condition.js';

function ctx(facts: Facts, params: Record<string, number> = {}): EvaluationContext {
  return {
    facts,
    params,
    derived: () => {
      throw new Error('no derived facts here');
    },
    classified: () => {
      throw new Error('no classifications here');
    },
  };
}

const a: Condition = { fact: 'a', is: true };
const b: Condition = { fact: 'b', is: true };
const c: Condition = { fact: 'c', is: true };

test('an unrecorded finding is unknown, never negative', () => {
  const e = evaluate(a, ctx({}));
  assert.equal(e.value, null);
  assert.deepEqual([...e.unknown], ['a']);
});

test('any is true as soon as one part is true, whatever the unknown parts', () => {
  const e = evaluate({ any: [a, b] }, ctx({ a: true }));
  assert.equal(e.value, true);
  assert.deepEqual([...e.because], ['a']);
  assert.equal(e.unknown.size, 0);
});

test('all is false as soon as one part is false', () => {
  const e = evaluate({ all: [a, b] }, ctx({ a: false }));
  assert.equal(e.value, false);
  assert.equal(e.unknown.size, 0);
});

test('all with an unknown part and no false part is unknown, naming the unknown fact', () => {
  const e = evaluate({ all: [a, b] }, ctx({ a: true }));
  assert.equal(e.value, null);
  assert.deepEqual([...e.unknown], ['b']);
});

test('at least two of three is decided once two are true or two are false', () => {
  assert.equal(evaluate({ atLeast: 2, of: [a, b, c] }, ctx({ a: true, b: true })).value, true);
  assert.equal(evaluate({ atLeast: 2, of: [a, b, c] }, ctx({ a: false, b: false })).value, false);
  assert.equal(evaluate({ atLeast: 2, of: [a, b, c] }, ctx({ a: true, b: false })).value, null);
  assert.equal(evaluate({ atLeast: 2, of: [a, b, c] }, ctx({ a: true })).value, null);
});

test('a stated assumption decides a missing fact but is still reported as could-change', () => {
  const e = evaluate({ fact: 'trial', is: true, assume: false }, ctx({}));
  assert.equal(e.value, false);
  assert.deepEqual([...e.unknown], ['trial']);
  assert.deepEqual([...e.assumed], ['trial']);
});

test('numeric thresholds read parameters: at the threshold gte is true and lt is false', () => {
  const rule: Condition = { fact: 'rr', gte: { param: 'fast' } };
  assert.equal(evaluate(rule, ctx({ rr: 49 }, { fast: 50 })).value, false);
  assert.equal(evaluate(rule, ctx({ rr: 50 }, { fast: 50 })).value, true);
  assert.equal(evaluate(rule, ctx({ rr: 51 }, { fast: 50 })).value, true);
  assert.equal(evaluate({ fact: 'rr', lt: 50 }, ctx({ rr: 50 })).value, false);
});

test('not turns true into false and keeps unknown unknown', () => {
  assert.equal(evaluate({ not: a }, ctx({ a: true })).value, false);
  assert.equal(evaluate({ not: a }, ctx({})).value, null);
});

test('an undefined protocol parameter is a broken contract and throws', () => {
  assert.throws(() => evaluate({ fact: 'rr', gte: { param: 'nope' } }, ctx({ rr: 1 })), /nope/);
});
