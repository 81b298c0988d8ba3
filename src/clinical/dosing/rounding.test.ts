import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amountText, ceilToStep, floorToStep, nearestStep } from './rounding.js';

void test('steps of 0.1 ml do not drift', () => {
  assert.equal(floorToStep(2.8125, 0.1), 2.8);
  assert.equal(ceilToStep(0.30000000000000004, 0.1), 0.3);
  assert.equal(floorToStep(0.3, 0.1), 0.3);
});

void test('nearest step rounds a tie down, the safer side', () => {
  assert.equal(nearestStep(0.75, 0.5), 0.5);
  assert.equal(nearestStep(0.76, 0.5), 1);
  assert.equal(nearestStep(4.375, 0.5), 4.5);
});

void test('amounts read as a health worker says them', () => {
  assert.equal(amountText(1.5, 'tablet'), '1½ tablets');
  assert.equal(amountText(0.25, 'tablet'), '¼ tablet');
  assert.equal(amountText(1, 'tablet'), '1 tablet');
  assert.equal(amountText(1.25, 'ml'), '1.25 ml');
  assert.equal(amountText(2, 'suppository'), '2 suppositories');
});
