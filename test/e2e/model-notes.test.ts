/**
 * The model's notes under a result, in real Chromium against a real clinic node. The engine is
 * an in-memory stand-in (the real llama.cpp path is tested in src/inference); what is tested
 * here is the screen: the protocol result first, then the notes, and an overruled line counted.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { answer, fakeEngine } from '../../src/inference/orchestrator/test-helpers.js';
import {
  startNodeFixture,
  type NodeFixture,
} from '../../src/clinic/node/test-helpers/node-fixture.js';
import { browserSkipReason, openBrowser } from './browser.js';
import { coughConsult, signIn } from './app-steps.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));
const skip = browserSkipReason();

describe('model notes in Chromium', { skip: skip ?? false }, () => {
  let fixture: NodeFixture;
  const local = fakeEngine(
    'local',
    JSON.stringify(
      answer({
        summary: 'Cough with fast breathing at 18 months.',
        // The first contradicts the plan: the gate drops it and the screen counts it.
        redFlags: ['no need for antibiotics', 'chest indrawing appears'],
      }),
    ),
    50,
  );

  before(async () => {
    assert.ok(existsSync(`${WEB_ROOT}/index.html`), 'dist/web is built: run npm run build');
    fixture = await startNodeFixture({
      webRoot: WEB_ROOT,
      model: { local: local.engine, mode: () => 'OFFLINE' },
    });
  });
  after(async () => {
    await fixture?.close();
  });

  test('the notes come after the protocol result and say what was overruled', async () => {
    const b = await openBrowser(fixture.url);
    await b.page.goto(fixture.url);
    await signIn(b.page, 'nurse');
    await coughConsult(b.page);
    await b.page.waitForSelector('.classification');
    const summary = await b.page.waitForSelector('[data-testid=model-summary]');
    assert.equal(await summary.textContent(), 'Cough with fast breathing at 18 months.');
    const section = (await b.page.textContent('section[aria-labelledby=model-title]')) ?? '';
    assert.doesNotMatch(section, /no need for antibiotics/);
    assert.match(section, /chest indrawing appears/);
    assert.match(section, /1 model lines contradicted the protocol/);
    assert.deepEqual(b.foreign, []);
    await b.close();
  });
});
