/**
 * Safety invariants over many generated cases (seeded, so a failure repeats): the engine never
 * throws on valid findings, every danger sign means urgent referral in both editions, and a
 * finding added can never remove a pink classification that was final.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FINDINGS, FINDING_KEYS } from '../case/index.js';
import { EDITIONS } from '../protocols/registry.js';
import { assess } from './assess.js';
import { seededRandom } from '../../shared/seeded-random.js';

function randomFindings(rnd: () => number): Record<string, boolean | number | string> {
  const out: Record<string, boolean | number | string> = {};
  for (const key of FINDING_KEYS) {
    if (rnd() < 0.55) continue;
    const spec = FINDINGS[key];
    if (spec.type === 'boolean') out[key] = rnd() < 0.3;
    else if (spec.type === 'enum' && spec.values)
      out[key] = spec.values[Math.floor(rnd() * spec.values.length)] as string;
    else if (spec.type === 'number' && spec.range)
      out[key] = Math.round(spec.range.min + rnd() * (spec.range.max - spec.range.min));
    else if (spec.type === 'string') out[key] = rnd() < 0.5 ? 'none' : 'water';
  }
  return out;
}

const DANGER = [
  'unable_to_drink_or_breastfeed',
  'vomits_everything',
  'convulsions_history',
  'convulsing_now',
  'lethargic_or_unconscious',
];

test('over 3,000 generated sick children, a danger sign always means urgent referral, in both editions', () => {
  const rnd = seededRandom(42);
  for (let i = 0; i < 3000; i++) {
    const months = 2 + Math.floor(rnd() * 58);
    const findings = randomFindings(rnd);
    const edition = i % 2 === 0 ? EDITIONS['imci-2014']! : EDITIONS['imci-2005']!;
    const a = assess(
      {
        patient: { age: { months, days: Math.round(months * 30.4375), daysEstimated: true } },
        findings,
      },
      edition,
    );
    const hasDangerSign = DANGER.some((k) => findings[k] === true);
    if (hasDangerSign)
      assert.equal(a.urgentReferral, true, `case ${i}: ${JSON.stringify(findings)}`);
    for (const c of a.classifications) assert.ok(c.citation.document.length > 0);
  }
});

test('answering one more question never removes a final pink classification', () => {
  const rnd = seededRandom(7);
  for (let i = 0; i < 1500; i++) {
    const months = 2 + Math.floor(rnd() * 58);
    const findings = randomFindings(rnd);
    const age = { months, days: Math.round(months * 30.4375), daysEstimated: true };
    const edition = EDITIONS['imci-2014']!;
    const before = assess({ patient: { age }, findings }, edition);
    const missing = FINDING_KEYS.filter((k) => findings[k] === undefined);
    const key = missing[Math.floor(rnd() * missing.length)];
    if (key === undefined) continue;
    const spec = FINDINGS[key];
    if (spec.type !== 'boolean') continue;
    const after = assess({ patient: { age }, findings: { ...findings, [key]: true } }, edition);
    // A "yes" can add a pink classification; it must not take a final one away.
    for (const c of before.classifications.filter(
      (x) => x.colour === 'pink' && x.status === 'final',
    )) {
      assert.ok(
        after.classifications.some((x) => x.id === c.id),
        `case ${i}: ${key}=true removed ${c.name}`,
      );
    }
  }
});
