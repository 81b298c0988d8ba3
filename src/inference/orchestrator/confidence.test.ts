import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineConfidence, DEFAULT_THRESHOLD, protocolCompleteness } from './confidence.js';
import { consultView, convulsionsCase, coughNoPneumonia } from './test-helpers.js';

const complete = {
  outcome: 'assessed' as const,
  classifications: [{ status: 'final' as const }],
  unanswered: [],
  toAssess: [],
};

test('a complete, final protocol result is fully confident', () => {
  assert.equal(protocolCompleteness(consultView(coughNoPneumonia)), 1);
});

test('open questions, follow-up assessments and provisional rows each lower completeness', () => {
  assert.equal(protocolCompleteness({ ...complete, unanswered: ['a', 'b'] }), 0.8);
  assert.equal(protocolCompleteness({ ...complete, toAssess: ['a'] }), 0.95);
  assert.equal(
    protocolCompleteness({ ...complete, classifications: [{ status: 'provisional' }] }),
    0.75,
  );
  assert.ok(protocolCompleteness(consultView(convulsionsCase)) < 0.5);
});

test('a case no protocol covers is far below the threshold', () => {
  assert.equal(protocolCompleteness({ ...complete, outcome: 'out-of-scope' }), 0.4);
});

test('completeness never goes below zero', () => {
  const many = Array.from({ length: 30 }, (_, i) => `q${i}`);
  assert.equal(protocolCompleteness({ ...complete, unanswered: many }), 0);
});

test('a complete result with a confident local model stays above the threshold', () => {
  assert.ok(combineConfidence(1, 'high') >= DEFAULT_THRESHOLD);
  assert.equal(combineConfidence(1, 'high'), 0.96);
});

test('a model that is only medium confident brings a complete result below the threshold', () => {
  assert.ok(combineConfidence(1, 'medium') < DEFAULT_THRESHOLD);
});

test('one open question with a confident model stays local, two escalate', () => {
  assert.ok(combineConfidence(0.9, 'high') >= DEFAULT_THRESHOLD);
  assert.ok(combineConfidence(0.8, 'high') < DEFAULT_THRESHOLD);
});

test('without a model the protocol completeness decides alone', () => {
  assert.equal(combineConfidence(0.9, null), 0.9);
  assert.equal(combineConfidence(0.8, null), 0.8);
});
