/**
 * The model's notes under a result, in real Chromium against a real clinic node. The engine is
 * an in-memory stand-in (the real llama.cpp path is tested in src/inference); what is tested
 * here is the screen: the protocol result first, then the notes, and an overruled line counted;
 * the notes kept with the saved encounter and shown again from the history; and a clinic
 * without a model, where the app never asks for notes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { answer, fakeEngine } from '../../src/inference/orchestrator/test-helpers.js';
import {
  startNodeFixture,
  type NodeFixture,
} from '../../src/clinic/node/test-helpers/node-fixture.js';
import type { Page } from 'playwright-core';
import { browserSkipReason, openBrowser } from './browser.js';
import { coughConsult, registerPatient, signIn } from './app-steps.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));
const skip = browserSkipReason();

describe('model notes in Chromium', { skip: skip ?? false, timeout: 60_000 }, () => {
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

  test('saved notes are kept with the encounter and shown again from the history', async () => {
    const b = await openBrowser(fixture.url);
    try {
      const { page } = b;
      await page.goto(fixture.url);
      await signIn(page, 'nurse');
      await registerPatient(page, 'Test Child Notes');
      await page.click('a:has-text("Start a consult")');
      await coughConsult(page);
      await page.waitForSelector('[data-testid=model-summary]');
      await page.click('#save');
      await page.waitForSelector('[data-testid=saved]');
      await page.waitForSelector('[data-testid=model-kept]');

      const details = await openVisit(page, 'Test Child Notes');
      assert.match(details, /Cough with fast breathing at 18 months\./);
      assert.match(details, /chest indrawing appears/);
      assert.doesNotMatch(details, /no need for antibiotics/);
      assert.match(details, /1 model lines contradicted the protocol/);
      assert.deepEqual(b.foreign, []);
    } finally {
      await b.close();
    }
  });

  test('notes that arrive after the save are kept with the encounter too', async () => {
    const b = await openBrowser(fixture.url);
    try {
      const { page } = b;
      // Hold the model's answer until the save is done: the other order of the two.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/consult/model', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(fixture.url);
      await signIn(page, 'nurse');
      await registerPatient(page, 'Test Child Late');
      await page.click('a:has-text("Start a consult")');
      await coughConsult(page);
      await page.click('#save');
      await page.waitForSelector('[data-testid=saved]');
      assert.equal(await page.locator('[data-testid=model-summary]').count(), 0);
      release();
      await page.waitForSelector('[data-testid=model-kept]');
      assert.match(await openVisit(page, 'Test Child Late'), /Cough with fast breathing/);
    } finally {
      await b.close();
    }
  });
});

/** Finds the patient, opens the history's only visit, and returns what it shows. */
async function openVisit(page: Page, name: string): Promise<string> {
  await page.click('nav.menu a[href="#/patients"]');
  await page.fill('#patient-q', name);
  await page.click('form[role=search] button[type=submit]');
  await page.click(`a:has-text("${name}")`);
  await page.click('[data-testid=open-visit]');
  const details = await page.waitForSelector('[data-testid=visit-details]');
  return (await details.textContent()) ?? '';
}

describe('a clinic without a model in Chromium', { skip: skip ?? false, timeout: 60_000 }, () => {
  let fixture: NodeFixture;
  before(async () => {
    assert.ok(existsSync(`${WEB_ROOT}/index.html`), 'dist/web is built: run npm run build');
    fixture = await startNodeFixture({ webRoot: WEB_ROOT });
  });
  after(async () => {
    await fixture?.close();
  });

  test('the app never asks for notes and says once, in its language, that there is no model', async () => {
    const b = await openBrowser(fixture.url);
    try {
      const { page } = b;
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/consult/model')) asked.push(r.url());
      });
      await page.goto(fixture.url);
      await signIn(page, 'nurse');
      await coughConsult(page);
      await page.waitForSelector('.classification');
      const line = page.locator('[data-testid=model-unavailable]');
      assert.equal(await line.count(), 1);
      assert.equal(await line.textContent(), locale('en').model.unavailable);

      await page.selectOption('#language', 'fr');
      await page.waitForFunction(() => document.documentElement.lang === 'fr');
      assert.equal(await line.textContent(), locale('fr').model.unavailable);
      await page.click('#save');
      await page.waitForSelector('[data-testid=saved]');
      assert.deepEqual(asked, [], 'no request for model notes');
      assert.deepEqual(b.foreign, []);
    } finally {
      await b.close();
    }
  });
});

function locale(lang: string): { model: { unavailable: string } } {
  const url = new URL(`../../src/web/locales/${lang}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as { model: { unavailable: string } };
}
