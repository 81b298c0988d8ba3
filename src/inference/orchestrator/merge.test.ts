import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelContribution } from '../validator.js';
import { mergeContributions } from './merge.js';

const contribution = (over: Partial<ModelContribution>): ModelContribution => ({
  summary: 'summary',
  differential: [],
  redFlags: [],
  confidence: 'medium',
  overruled: [],
  ...over,
});

test('keeps every red flag of both models, the ones both found ranked first', () => {
  const merged = mergeContributions([
    { source: 'local', contribution: contribution({ redFlags: ['Stiff neck', 'Rash'] }) },
    {
      source: 'cloud',
      contribution: contribution({
        redFlags: ['stiff neck.', 'Blood in stool'],
        confidence: 'high',
      }),
    },
  ]);

  assert.deepEqual(
    merged?.redFlags.map((f) => [f.text, f.sources]),
    [
      ['stiff neck.', ['cloud', 'local']],
      ['Blood in stool', ['cloud']],
      ['Rash', ['local']],
    ],
  );
});

test('joins the differentials, one item per condition with the higher confidence', () => {
  const merged = mergeContributions([
    {
      source: 'local',
      contribution: contribution({
        differential: [
          { condition: 'Dengue', confidence: 'low' },
          { condition: 'Typhoid fever', confidence: 'medium' },
        ],
      }),
    },
    {
      source: 'cloud',
      contribution: contribution({ differential: [{ condition: 'dengue', confidence: 'high' }] }),
    },
  ]);

  const dengue = merged?.differential.find((d) => d.text.toLowerCase() === 'dengue');
  assert.equal(merged?.differential.length, 2);
  assert.equal(dengue?.confidence, 'high');
  assert.deepEqual(dengue?.sources, ['cloud', 'local']);
  assert.equal(merged?.differential[0], dengue);
});

test('ranks a condition by the weight of the model that named it: cloud above local', () => {
  const merged = mergeContributions([
    {
      source: 'local',
      contribution: contribution({ differential: [{ condition: 'Otitis', confidence: 'high' }] }),
    },
    {
      source: 'cloud',
      contribution: contribution({
        differential: [{ condition: 'Sinusitis', confidence: 'high' }],
      }),
    },
  ]);

  assert.deepEqual(
    merged?.differential.map((d) => d.text),
    ['Sinusitis', 'Otitis'],
  );
});

test('takes the summary of the heavier model, or the other one when the gate dropped it', () => {
  const local = contribution({ summary: 'local words', confidence: 'high' });
  const cloud = contribution({ summary: 'cloud words', confidence: 'high' });
  const both = mergeContributions([
    { source: 'local', contribution: local },
    { source: 'cloud', contribution: cloud },
  ]);
  const dropped = mergeContributions([
    { source: 'local', contribution: local },
    { source: 'cloud', contribution: { ...cloud, summary: null } },
  ]);

  assert.deepEqual([both?.summary, both?.summaryFrom], ['cloud words', 'cloud']);
  assert.deepEqual([dropped?.summary, dropped?.summaryFrom], ['local words', 'local']);
});

test('merges nothing into nothing', () => {
  assert.equal(mergeContributions([]), null);
});
