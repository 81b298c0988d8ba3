/** Steps through the web app the way a health worker does, for the end-to-end tests. */
import type { Page } from 'playwright-core';
import { PINS } from '../../src/clinic/node/test-helpers/node-fixture.js';
import type { Role } from '../../src/clinic/auth/index.js';

export async function signIn(page: Page, role: Role): Promise<void> {
  await page.fill('#signin-name', role);
  await page.fill('#signin-pin', PINS[role]);
  await page.click('button[type=submit]');
  await page.waitForSelector('nav.menu');
}

/** Registers a patient on the Patients screen and opens the patient's history. */
export async function registerPatient(page: Page, name: string): Promise<void> {
  await page.click('nav.menu a[href="#/patients"]');
  await page.fill('#reg-name', name);
  await page.fill('#reg-dateOfBirth', '2025-06-01');
  await page.click('form:has(#reg-name) button[type=submit]');
  await page.click(`[role=status] a:has-text("${name}")`);
  await page.waitForSelector('#history-title');
}

/** Answers every yes/no question of the current step with the given choice. */
export async function answerAll(page: Page, choice: 'Yes' | 'No'): Promise<void> {
  const index = choice === 'Yes' ? 0 : 1;
  for (const fieldset of await page.locator('form fieldset.question').all()) {
    await fieldset.locator('input[type=radio]').nth(index).check();
  }
}

export async function next(page: Page, box: string): Promise<void> {
  await page.click('form button[type=submit]');
  await page.waitForSelector(`#step-title:has-text("${box}")`);
}

/**
 * A child (18 months unless given) with cough and fast breathing: danger signs all no, cough
 * yes, the breaths typed as 52, then classify. Returns the latency the app measured.
 */
export interface StepLabels {
  /** The title of the cough box as the interface language writes it. */
  cough: string;
  classifyNow: string;
}

const ENGLISH: StepLabels = { cough: 'Cough', classifyNow: 'Classify now' };

export async function coughConsult(
  page: Page,
  weight = '10.5',
  ageMonths = '18',
  labels: StepLabels = ENGLISH,
): Promise<number> {
  await page.fill('#age', ageMonths);
  await page.fill('#weight', weight);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#step-title');
  await answerAll(page, 'No');
  await next(page, labels.cough);
  await answerAll(page, 'Yes');
  await page.click('form button[type=submit]');
  await page.waitForSelector('#q-respiratory_rate');
  await page.fill('#q-respiratory_rate', '52');
  await page.click(`button:has-text("${labels.classifyNow}")`);
  const latency = await page.textContent('[data-testid=latency]');
  return Number((latency ?? '').replace(/\D+/g, ''));
}
