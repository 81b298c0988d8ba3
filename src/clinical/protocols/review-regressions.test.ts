/**
 * Findings of the clinical review of the engine, kept as tests so that they stay fixed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assess } from '../assess/assess.js';
import { doseTreatments } from '../assess/doses.js';
import { EDITIONS } from './registry.js';
import { NO_DANGER_SIGNS, run } from '../test-helpers/classify.js';

describe('danger signs always mean urgent referral', () => {
  for (const sign of [
    'vomits_everything',
    'lethargic_or_unconscious',
    'unable_to_drink_or_breastfeed',
    'convulsing_now',
  ]) {
    test(`HB05: ${sign} alone, with no main symptom, is urgent referral`, () => {
      const a = run({
        edition: 'imci-2005',
        months: 24,
        findings: { ...NO_DANGER_SIGNS, [sign]: true },
      });
      assert.equal(a.urgentReferral, true);
      assert.ok(a.treatments.some((t) => t.id === 'refer-urgently'));
    });
  }
  test('HB05: convulsing now with fever in a malaria area is very severe febrile disease, not malaria', () => {
    const a = run({
      edition: 'imci-2005',
      months: 24,
      findings: {
        ...NO_DANGER_SIGNS,
        convulsing_now: true,
        fever: true,
        malaria_risk: 'high',
        stiff_neck: false,
      },
    });
    assert.ok(a.classifications.some((c) => c.name === 'VERY SEVERE FEBRILE DISEASE'));
  });
  test('HB05 young infant: not able to feed alone is the pink feeding row', () => {
    const a = run({
      edition: 'imci-2005',
      days: 40,
      findings: { unable_to_drink_or_breastfeed: true },
    });
    assert.ok(
      a.classifications.some(
        (c) => c.name === 'NOT ABLE TO FEED - POSSIBLE SERIOUS BACTERIAL INFECTION',
      ),
    );
    assert.equal(a.urgentReferral, true);
  });
  test('CB14 young infant: not attaching at all is very severe disease; a reported difficulty alone is not', () => {
    assert.equal(run({ days: 20, findings: { attachment: 'not_at_all' } }).urgentReferral, true);
    const difficulty = run({
      days: 20,
      temperatureC: 36.8,
      findings: {
        feeding_difficulty: true,
        convulsions_history: false,
        respiratory_rate: 40,
        severe_chest_indrawing: false,
        less_than_normal_movements: false,
        unable_to_drink_or_breastfeed: false,
      },
    });
    assert.equal(
      difficulty.classifications.some((c) => c.name === 'VERY SEVERE DISEASE'),
      false,
    );
  });
});

describe('pre-referral treatment', () => {
  test('severe dehydration with severe persistent diarrhoea is rehydrated before referral', () => {
    const a = run({
      months: 18,
      findings: {
        ...NO_DANGER_SIGNS,
        diarrhoea: true,
        diarrhoea_days: 14,
        sunken_eyes: true,
        skin_pinch: 'very_slowly',
        drinking: 'poorly',
      },
    });
    assert.ok(a.treatments.some((t) => t.id === 'iv-plan-c'));
    assert.ok(a.treatments.some((t) => t.id === 'treat-dehydration-before-referral'));
  });
  test('stridor, stiff neck and mastoiditis together get one pre-referral antibiotic, not three', () => {
    const a = run({
      months: 18,
      findings: {
        ...NO_DANGER_SIGNS,
        cough_or_difficult_breathing: true,
        stridor: true,
        fever: true,
        malaria_risk: 'none',
        stiff_neck: true,
        ear_problem: true,
        tender_swelling_behind_ear: true,
      },
    });
    const antibiotics = a.treatments.filter(
      (t) => /ampicillin|gentamicin|ceftriaxone/.test(t.id) && t.coveredBySlot === null,
    );
    assert.deepEqual(antibiotics.map((t) => t.id).sort(), [
      'ampicillin-im-prereferral',
      'gentamicin-im-prereferral-child',
    ]);
  });
  test('confirmed HIV with chest indrawing is referred', () => {
    const a = run({
      months: 18,
      hiv: true,
      findings: {
        ...NO_DANGER_SIGNS,
        cough_or_difficult_breathing: true,
        respiratory_rate: 30,
        chest_indrawing: true,
        stridor: false,
        wheeze: false,
        hiv_status: 'positive',
      },
    });
    assert.equal(a.referral, true);
  });
});

describe('ages and weights', () => {
  test('an age of 0 months does not invent 0 days: jaundice stays open and the age in days is asked', () => {
    const a = assess(
      {
        patient: { age: { months: 0, days: 0, daysEstimated: true } },
        findings: { jaundice: true, yellow_palms_and_soles: false },
      },
      EDITIONS['imci-2014']!,
    );
    const jaundice = a.classifications.find((c) => c.box === 'young_infant_jaundice');
    assert.equal(jaundice?.status, 'provisional');
    assert.ok(a.unanswered.includes('age_days'));
  });
  test('a 20 kg child under 5 with pneumonia still gets amoxicillin, by age, with a warning', () => {
    const plan = [
      {
        kind: 'regimen' as const,
        id: 'amoxicillin-pneumonia-cb14',
        phase: 'home' as const,
        deferred: false,
        pending: false,
        coveredBySlot: null,
        for: ['PNEUMONIA'],
        notes: [],
      },
    ];
    const [dosed] = doseTreatments(plan, { weightKg: 20, ageMonths: 56 });
    assert.equal(dosed?.dose?.kind, 'ok');
    assert.ok(
      dosed?.dose?.kind === 'ok' &&
        dosed.dose.warnings.some((w) => /outside the chart's weight rows/.test(w)),
    );
  });
});

describe('thresholds checked on both sides', () => {
  test('jaundice is referred for assessment after 3 weeks: 21 days no, 22 days yes', () => {
    const refer = (days: number) =>
      run({ days, findings: { jaundice: true, yellow_palms_and_soles: false } }).treatments.some(
        (t) => t.id === 'refer-for-assessment',
      );
    assert.equal(refer(21), false);
    assert.equal(refer(22), true);
  });
  test('HB05 gives mebendazole for anaemia from 2 years: 23 months no, 24 months yes', () => {
    const deworm = (months: number) =>
      run({
        edition: 'imci-2005',
        months,
        findings: {
          ...NO_DANGER_SIGNS,
          palmar_pallor: 'some',
          visible_severe_wasting: false,
          oedema_both_feet: false,
        },
      }).treatments.some((t) => t.id === 'mebendazole-deworming');
    assert.equal(deworm(23), false);
    assert.equal(deworm(24), true);
  });
});
