/**
 * The clinic web app end to end, in real headless Chromium against a real clinic node (real
 * encrypted store, real knowledge base) on loopback, 360 pixels wide. Every request outside
 * the node's origin is aborted and must never happen.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  apiClient,
  startNodeFixture,
  type NodeFixture,
} from '../../src/clinic/node/test-helpers/node-fixture.js';
import { browserSkipReason, openBrowser, type Browser } from './browser.js';
import { answerAll, coughConsult, next, registerPatient, signIn } from './app-steps.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const takeShots = process.env.MEDASSIST_SCREENSHOTS === '1';
const skip = browserSkipReason();

async function shot(b: Browser, name: string): Promise<void> {
  if (!takeShots) return;
  mkdirSync(SHOTS, { recursive: true });
  await b.page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

describe('clinic web app in Chromium', { skip: skip ?? false }, () => {
  let fixture: NodeFixture;
  let b: Browser;

  before(async () => {
    assert.ok(existsSync(`${WEB_ROOT}/index.html`), 'dist/web is built: run npm run build');
    fixture = await startNodeFixture({ webRoot: WEB_ROOT });
  });
  after(async () => {
    await fixture?.close();
  });

  test('the app loads cold and renders sign-in with no request outside the node', async () => {
    // Three cold loads, each in a fresh profile (empty cache). The 1 s budget is measured by
    // `npm run bench:web`, not asserted here: single timings on a shared machine are noise.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      b = await openBrowser(fixture.url);
      await b.page.goto(fixture.url);
      await b.page.waitForSelector('#signin-name');
      // From the start of navigation to the sign-in form rendered, as the page measured it.
      const ready = await b.page.evaluate(
        () => performance.getEntriesByName('medassist:sign-in-ready')[0]?.startTime ?? -1,
      );
      times.push(Math.round(ready));
      assert.deepEqual(b.foreign, []);
      if (i < 2) await b.close();
    }
    console.log(`cold load to sign-in form: ${times.join(', ')} ms`);
    assert.ok(Math.min(...times) > 0, `the page marked sign-in ready [${times.join()}]`);
    await shot(b, 'sign-in');
  });

  test('sign-in works with the keyboard alone', async () => {
    const { page } = b;
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // language
    await page.keyboard.press('Tab'); // user name
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'signin-name');
    await page.keyboard.type('nurse');
    await page.keyboard.press('Tab');
    await page.keyboard.type('381945');
    await page.keyboard.press('Enter');
    await page.waitForSelector('nav.menu');
  });

  test('a full consult is saved once on a double click and appears in the history', async () => {
    const { page } = b;
    await registerPatient(page, 'Test Child Browser');
    await shot(b, 'patient-history-empty');
    await page.click('a:has-text("Start a consult")');
    const latency = await coughConsult(page);
    console.log(`consult result after submit: ${latency} ms`);
    // The 300 ms budget is measured by `npm run bench:web`.
    assert.ok(latency > 0);
    const pneumonia = page.locator('.classification', { hasText: 'PNEUMONIA' });
    assert.equal(await pneumonia.getAttribute('data-severity'), 'specific-treatment');
    assert.match((await page.textContent('[data-testid=follow-up]')) ?? '', /3/);
    await shot(b, 'consult-result');
    const saves: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/encounters')) saves.push(r.url());
    });
    // The worst double click: both clicks reach the app before it re-renders the button as
    // disabled, so two requests go out with the same key and the node must keep one.
    await page.evaluate(() => {
      const save = document.querySelector<HTMLButtonElement>('#save');
      save?.click();
      save?.click();
    });
    await page.waitForSelector('[data-testid=saved]');
    console.log(`save requests sent by the double click: ${saves.length}`);
    assert.equal(saves.length, 2, 'both clicks sent a request');
    await page.click('nav.menu a[href="#/patients"]');
    await page.fill('#patient-q', 'Test Child Browser');
    await page.click('form[role=search] button[type=submit]');
    await page.click('a:has-text("Test Child Browser")');
    await page.waitForSelector('[data-testid=history] li');
    const visits = await page.locator('[data-testid=history] li').count();
    assert.equal(visits, 1, `one encounter after ${saves.length} save request(s)`);
    assert.match((await page.textContent('[data-testid=history]')) ?? '', /PNEUMONIA/);
    await shot(b, 'patient-history');
    assert.deepEqual(b.foreign, []);
  });

  test('a nurse does not see the override control', async () => {
    const { page } = b;
    await page.click('nav.menu a[href="#/consult"]');
    await coughConsult(page);
    await page.click('#save');
    await page.waitForSelector('[data-testid=saved]');
    assert.equal(await page.locator('#override-reason').count(), 0);
  });

  test('the language switches with the internet gone, and "3,75" is a weight in French', async () => {
    const { page } = b;
    await page.click('button:has-text("New consult")');
    const localeRequests: string[] = [];
    page.on('requestfinished', (r) => {
      if (r.url().endsWith('.json') && r.url().includes('/assets/fr-'))
        localeRequests.push(r.url());
    });
    await page.selectOption('#language', 'fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.equal(localeRequests.length, 1, 'the French file came from the node');
    let sentWeight: unknown;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/consult') && r.method() === 'POST') {
        sentWeight = (
          JSON.parse(r.postData() ?? '{}') as { case: { patient: { weight_kg?: number } } }
        ).case.patient.weight_kg;
      }
    });
    // 3.75 kg is a plausible weight at 2 months (an 18-month-old of 3.75 kg would be refused).
    const fr = JSON.parse(
      readFileSync(new URL('../../src/web/locales/fr.json', import.meta.url), 'utf8'),
    ) as {
      boxes: { cough_or_difficult_breathing: string };
      consult: { classifyNow: string };
    };
    await coughConsult(page, '3,75', '2', {
      cough: fr.boxes.cough_or_difficult_breathing,
      classifyNow: fr.consult.classifyNow,
    });
    assert.equal(sentWeight, 3.75);
    // Dates follow the language: a French month abbreviation in the follow-up line.
    assert.match(
      (await page.textContent('[data-testid=follow-up]')) ?? '',
      /déc\.|janv\.|févr\.|nov\./,
    );
    assert.deepEqual(b.foreign, []);
    await page.selectOption('#language', 'en');
  });

  test('a doctor sees the override control and records an override with a reason', async () => {
    await b.close();
    b = await openBrowser(fixture.url);
    const { page } = b;
    await page.goto(fixture.url);
    await signIn(page, 'doctor');
    await coughConsult(page);
    await page.click('#save');
    await page.waitForSelector('#override-reason');
    await page.fill('#override-reason', 'clinical picture differs from the chart');
    await page.click('form.override button[type=submit]');
    await page.waitForSelector('form.override [role=status]');
    await shot(b, 'override');
  });

  test('the breath timer counts taps over one minute and fills in the rate', async () => {
    const { page } = b;
    await page.click('button:has-text("New consult")');
    await page.fill('#age', '18');
    await page.click('form button[type=submit]');
    await page.waitForSelector('#step-title');
    await answerAll(page, 'No');
    await next(page, 'Cough');
    await answerAll(page, 'Yes');
    await page.click('form button[type=submit]');
    await page.waitForSelector('#q-respiratory_rate');
    await shot(b, 'consult-questions');
    // A fake clock, so the minute passes without the test waiting for it.
    await page.clock.install();
    await page.click('button:has-text("Start the minute")');
    for (let i = 0; i < 3; i++) await page.click('button.tap');
    await page.clock.runFor(61_000);
    await page.click('button:has-text("Use this count")');
    assert.equal(await page.inputValue('#q-respiratory_rate'), '3');
  });

  test('the reference screens answer: guidelines, calculators, drugs', async () => {
    const { page } = b;
    await page.click('nav.menu a[href="#/search"]');
    await page.fill('#search-q', 'fast breathing');
    await page.click('form[role=search] button[type=submit]');
    await page.waitForSelector('li.card');
    await shot(b, 'guideline-search');
    await page.click('nav.menu a[href="#/calculators"]');
    await page.waitForSelector('#calc-name option', { state: 'attached' });
    await page.selectOption('#calc-name', 'bmi');
    await page.fill('#calc-weightKg', '70');
    await page.fill('#calc-heightCm', '175');
    await page.click('form button[type=submit]');
    assert.match((await page.textContent('.card[role=status]')) ?? '', /22[.,]9/);
    await shot(b, 'calculators');
    await page.click('nav.menu a[href="#/drugs"]');
    await page.fill('#drug-filter', 'amoxicillin');
    await page.check('li:has-text("Amoxicillin") input[type=checkbox]');
    await page.fill('#check-allergies', 'penicillin');
    await page.click('form:has(#check-allergies) button[type=submit]');
    await page.waitForSelector('form:has(#check-allergies) [role=status] li');
    await shot(b, 'drugs');
    assert.deepEqual(b.foreign, []);
    await b.close();
  });

  test('the API refuses a save by a role that may not save (admin), whatever the UI shows', async () => {
    const api = apiClient(fixture.url);
    await api.signIn('admin');
    const { status } = await api.call('POST', '/api/encounters', {
      case: { patient: { age_months: 18 }, findings: {} },
      idempotencyKey: 'admin-save-key-1',
    });
    assert.equal(status, 403);
  });
});
