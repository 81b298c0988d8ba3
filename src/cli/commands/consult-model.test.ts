import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClinicConfig } from '../../clinic/config.js';
import { InputError } from '../../shared/errors.js';
import { modelStepFor } from './consult-model.js';

const config = (over: Partial<ClinicConfig>): ClinicConfig => ({
  clinicId: 'c-1',
  createdAt: '2026-12-04T00:00:00Z',
  timeZone: 'Africa/Nairobi',
  ...over,
});

test('without a local or cloud model there is no model step', async () => {
  assert.equal(await modelStepFor(config({}), {}, null), null);
  assert.equal(await modelStepFor(null, {}, null), null);
});

test('a cloud model from the configuration is used with its threshold and budget', async () => {
  const step = await modelStepFor(
    config({
      hybrid: { threshold: 0.7, cloudBudgetMs: 1234, cloud: { url: 'http://127.0.0.1:9' } },
    }),
    {},
    null,
  );

  assert.equal(step?.options.threshold, 0.7);
  assert.equal(step?.options.cloudBudgetMs, 1234);
  assert.equal(step?.options.local, null);
  assert.match(step?.options.cloud?.name ?? '', /^openai:http:\/\/127\.0\.0\.1:9\//);
  assert.equal(step?.options.mode(), 'ONLINE');
  await step?.close();
});

test('--offline keeps the consult from escalating', async () => {
  const step = await modelStepFor(null, { cloudModel: 'http://127.0.0.1:9', offline: true }, null);

  assert.equal(step?.options.mode(), 'OFFLINE');
});

test('a cloud model that is not an http URL is bad input showing the value', async () => {
  await assert.rejects(
    modelStepFor(null, { cloudModel: 'file:///etc/passwd' }, null),
    (e) => e instanceof InputError && e.message.endsWith('[file:///etc/passwd]'),
  );
});

test('a disabled local model is not loaded', async () => {
  const loaded: string[] = [];
  const step = await modelStepFor(
    config({ model: { path: '/m.gguf', sha256: 'x', disabled: 'damaged' } }),
    {},
    (o) => {
      loaded.push(o.modelPath);
      return Promise.reject(new Error('not in this test'));
    },
  );

  assert.equal(step, null);
  assert.deepEqual(loaded, []);
});
