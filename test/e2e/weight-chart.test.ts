/**
 * The weight chart of a patient's history (uPlot), in real Chromium against a real clinic
 * node: two saved visits with different weights draw a chart, and its numbers are in the page
 * for screen readers.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import {
  startNodeFixture,
  type NodeFixture,
} from '../../src/clinic/node/test-helpers/node-fixture.js';
import { browserSkipReason, openBrowser } from './browser.js';
import { coughConsult, registerPatient, signIn } from './app-steps.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));
const skip = browserSkipReason();
const NAME = 'Chart Child Browser';

async function openHistory(page: Page): Promise<void> {
  await page.click('nav.menu a[href="#/patients"]');
  await page.fill('#patient-q', NAME);
  await page.click('form[role=search] button[type=submit]');
  await page.click(`a:has-text("${NAME}")`);
  await page.waitForSelector('#history-title');
}

async function visit(page: Page, weight: string): Promise<void> {
  await page.click('a:has-text("Start a consult")');
  await coughConsult(page, weight);
  await page.click('#save');
  await page.waitForSelector('[data-testid=saved]');
  await openHistory(page);
}

describe('weight chart in Chromium', { skip: skip ?? false }, () => {
  let fixture: NodeFixture;
  before(async () => {
    assert.ok(existsSync(`${WEB_ROOT}/index.html`), 'dist/web is built: run npm run build');
    fixture = await startNodeFixture({ webRoot: WEB_ROOT });
  });
  after(async () => {
    await fixture?.close();
  });

  test('two visits with weights draw the chart, with the numbers for screen readers', async () => {
    const b = await openBrowser(fixture.url);
    const { page } = b;
    await page.goto(fixture.url);
    await signIn(page, 'nurse');
    await registerPatient(page, NAME);
    await visit(page, '10.5');
    assert.equal(
      await page.locator('[data-testid=weight-chart]').count(),
      0,
      'one visit: no chart',
    );
    await visit(page, '10.9');
    await page.waitForSelector('[data-testid=weight-chart] canvas');
    const numbers = (await page.textContent('figure.weight-chart ul')) ?? '';
    assert.match(numbers, /10\.5 kg/);
    assert.match(numbers, /10\.9 kg/);
    assert.deepEqual(b.foreign, []);
    await b.close();
  });
});
