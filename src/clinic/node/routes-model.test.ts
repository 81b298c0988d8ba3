/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   the API's JSON answers are read by path; a wrong path fails its assertion. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, fakeEngine } from '../../inference/orchestrator/test-helpers.js';
import { apiClient, startNodeFixture } from './test-helpers/node-fixture.js';

// A child who convulsed: a general danger sign, urgent referral (IMCI chart booklet 2014).
const convulsed = {
  patient: { age_months: 18, weight_kg: 11 },
  findings: { convulsions_history: true },
};

void test('without a model the node says so and the consult itself is untouched', async () => {
  const fixture = await startNodeFixture();
  try {
    const api = apiClient(fixture.url);
    await api.signIn('nurse');
    const reply = await api.call('POST', '/api/consult/model', { case: convulsed });
    assert.equal(reply.status, 409);
    assert.equal(reply.body.error.code, 'MODEL_NOT_CONFIGURED');
    assert.equal((await api.call('POST', '/api/consult', { case: convulsed })).status, 200);
  } finally {
    await fixture.close();
  }
});

void test('the model notes need a signed-in user', async () => {
  const local = fakeEngine('local', JSON.stringify(answer()));
  const fixture = await startNodeFixture({ model: { local: local.engine, mode: () => 'OFFLINE' } });
  try {
    const reply = await apiClient(fixture.url).call('POST', '/api/consult/model', {
      case: convulsed,
    });
    assert.equal(reply.status, 401);
    assert.equal(local.state.calls, 0);
  } finally {
    await fixture.close();
  }
});

void test('a local answer that denies the danger sign is overruled and the referral stands', async () => {
  const denial = answer({ redFlags: ['no danger signs present'], confidence: 'high' });
  const local = fakeEngine('local', JSON.stringify(denial));
  const fixture = await startNodeFixture({ model: { local: local.engine, mode: () => 'OFFLINE' } });
  try {
    const api = apiClient(fixture.url);
    await api.signIn('nurse');
    const reply = await api.call('POST', '/api/consult/model', { case: convulsed });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.model.servedBy, 'local');
    assert.ok(reply.body.model.overruled.length > 0, 'the denial is recorded as overruled');
    assert.ok(
      !JSON.stringify(reply.body.model.contribution).includes('no danger signs'),
      'the denial is not among the accepted notes',
    );
    assert.equal(local.state.calls, 1);
    // The prompt carries the protocol's decision the gate checked against.
    assert.match(JSON.stringify(local.state.seen[0]?.messages), /VERY SEVERE DISEASE/);
  } finally {
    await fixture.close();
  }
});
