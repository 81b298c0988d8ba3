/**
 * `npm run bench:web`: the web app's speed goals (issue 6) in real headless Chromium against a
 * real clinic node on loopback. Cold load: from navigation start to the sign-in form, each in
 * a fresh browser profile (empty cache). Consult: from the submit click to the result on
 * screen, no model. Reported as p50/p95 with the budgets; not asserted in the unit tests,
 * because a shared machine makes single timings noisy.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startNodeFixture } from '../src/clinic/node/test-helpers/node-fixture.js';
import { browserSkipReason, openBrowser } from '../test/e2e/browser.js';
import { coughConsult, registerPatient, signIn } from '../test/e2e/app-steps.js';

const WEB_ROOT = fileURLToPath(new URL('../dist/web', import.meta.url));
const COLD_LOADS = 10;
const CONSULTS = 10;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function coldLoads(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    const b = await openBrowser(url);
    await b.page.goto(url);
    await b.page.waitForSelector('#signin-name');
    const ready = await b.page.evaluate(
      () => performance.getEntriesByName('medassist:sign-in-ready')[0]?.startTime ?? -1,
    );
    times.push(ready);
    await b.close();
  }
  return times;
}

async function consults(url: string): Promise<number[]> {
  const b = await openBrowser(url);
  await b.page.goto(url);
  await signIn(b.page, 'nurse');
  const times: number[] = [];
  for (let i = 0; i < CONSULTS; i++) {
    await registerPatient(b.page, `Bench Child ${i}`);
    await b.page.click('a:has-text("Start a consult")');
    times.push(await coughConsult(b.page));
  }
  await b.close();
  return times;
}

async function main(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) throw new Error(`bench:web needs Chromium: ${skip}`);
  if (!existsSync(`${WEB_ROOT}/index.html`)) throw new Error('dist/web missing: npm run build');
  const fixture = await startNodeFixture({ webRoot: WEB_ROOT });
  try {
    const load = await coldLoads(fixture.url);
    const consult = await consults(fixture.url);
    const row = (name: string, v: number[], budget: number) =>
      `| ${name} | ${v.length} | ${quantile(v, 0.5).toFixed(0)} ms | ${quantile(v, 0.95).toFixed(0)} ms | < ${budget} ms |`;
    console.log('| measure | runs | p50 | p95 | goal |\n| --- | ---: | ---: | ---: | --- |');
    console.log(row('cold load to sign-in form (fresh profile)', load, 1000));
    console.log(row('consult result after submit (no model)', consult, 300));
  } finally {
    await fixture.close();
  }
}

await main();
