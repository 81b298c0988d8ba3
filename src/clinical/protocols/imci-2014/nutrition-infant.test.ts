import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inBox, NO_DANGER_SIGNS, run } from '../../test-helpers/classify.js';

const nut = (extra: Record<string, boolean | number | string>, months = 18) => ({
  months,
  findings: { ...NO_DANGER_SIGNS, oedema_both_feet: false, ...extra },
});

describe('acute malnutrition (imci-facts A.6, E.3)', () => {
  test('MUAC 114 mm is severe, 115 and 124 mm moderate, 125 mm none', () => {
    assert.deepEqual(inBox(nut({ muac_mm: 114, able_to_finish_rutf: true }), 'malnutrition'), [
      'UNCOMPLICATED SEVERE ACUTE MALNUTRITION',
    ]);
    assert.deepEqual(inBox(nut({ muac_mm: 115 }), 'malnutrition'), ['MODERATE ACUTE MALNUTRITION']);
    assert.deepEqual(inBox(nut({ muac_mm: 124 }), 'malnutrition'), ['MODERATE ACUTE MALNUTRITION']);
    assert.deepEqual(inBox(nut({ muac_mm: 125 }), 'malnutrition'), ['NO ACUTE MALNUTRITION']);
  });
  test('weight-for-height z −3.01 is severe, −3 and −2.01 moderate, −2 none', () => {
    assert.deepEqual(inBox(nut({ wfh_z: -3.01, able_to_finish_rutf: true }), 'malnutrition'), [
      'UNCOMPLICATED SEVERE ACUTE MALNUTRITION',
    ]);
    assert.deepEqual(inBox(nut({ wfh_z: -3 }), 'malnutrition'), ['MODERATE ACUTE MALNUTRITION']);
    assert.deepEqual(inBox(nut({ wfh_z: -2.01 }), 'malnutrition'), ['MODERATE ACUTE MALNUTRITION']);
    assert.deepEqual(inBox(nut({ wfh_z: -2 }), 'malnutrition'), ['NO ACUTE MALNUTRITION']);
  });
  test('oedema of both feet is complicated severe acute malnutrition', () => {
    assert.deepEqual(inBox(nut({ oedema_both_feet: true }), 'malnutrition'), [
      'COMPLICATED SEVERE ACUTE MALNUTRITION',
    ]);
  });
  test('a failed appetite test makes severe wasting complicated; a danger sign does too', () => {
    assert.deepEqual(inBox(nut({ muac_mm: 110, able_to_finish_rutf: false }), 'malnutrition'), [
      'COMPLICATED SEVERE ACUTE MALNUTRITION',
    ]);
    assert.deepEqual(
      inBox(
        nut({ muac_mm: 110, able_to_finish_rutf: true, vomits_everything: true }),
        'malnutrition',
      ),
      ['COMPLICATED SEVERE ACUTE MALNUTRITION'],
    );
  });
  test('severe wasting without an appetite test asks for it', () => {
    assert.ok(run(nut({ muac_mm: 110 })).unanswered.includes('able_to_finish_rutf'));
  });
  test('MUAC is not used before 6 months: 5 months with MUAC 110 is not severe wasting', () => {
    assert.deepEqual(inBox(nut({ muac_mm: 110 }, 5), 'malnutrition'), []);
  });
  test('the red MUAC strap is severe wasting', () => {
    assert.ok(
      inBox(nut({ muac_colour: 'red' }), 'malnutrition').some((n) => n.includes('SEVERE ACUTE')),
    );
  });
});

describe('anaemia (imci-facts A.7)', () => {
  test('severe pallor is severe anaemia, urgent; some pallor is anaemia with iron; none is no anaemia', () => {
    assert.deepEqual(inBox(nut({ palmar_pallor: 'severe' }), 'anaemia'), ['SEVERE ANAEMIA']);
    assert.ok(run(nut({ palmar_pallor: 'severe' })).urgentReferral);
    assert.deepEqual(inBox(nut({ palmar_pallor: 'some' }), 'anaemia'), ['ANAEMIA']);
    assert.ok(run(nut({ palmar_pallor: 'some' })).treatments.some((t) => t.id === 'iron-anaemia'));
    assert.deepEqual(inBox(nut({ palmar_pallor: 'none' }), 'anaemia'), ['NO ANAEMIA']);
  });
  test('mebendazole for anaemia from 12 months in 2014: 11 months no, 12 months yes', () => {
    const deworm = (m: number) =>
      run(nut({ palmar_pallor: 'some' }, m)).treatments.some(
        (t) => t.id === 'mebendazole-deworming',
      );
    assert.equal(deworm(11), false);
    assert.equal(deworm(12), true);
  });
  test('HB05 combines malnutrition and anaemia: some pallor is ANAEMIA OR VERY LOW WEIGHT', () => {
    const tc = {
      ...nut({
        palmar_pallor: 'some',
        visible_severe_wasting: false,
        very_low_weight_for_age: false,
      }),
      edition: 'imci-2005' as const,
    };
    assert.deepEqual(inBox(tc, 'malnutrition'), ['ANAEMIA OR VERY LOW WEIGHT']);
  });
});

describe('HIV where it is prioritized (imci-facts A.8)', () => {
  test('the HIV table is used only when the clinic prioritizes HIV', () => {
    const tc = nut({ hiv_status: 'exposed' });
    assert.deepEqual(inBox(tc, 'hiv'), []);
    assert.deepEqual(inBox({ ...tc, hiv: true }, 'hiv'), ['HIV EXPOSED']);
    assert.deepEqual(inBox({ ...nut({ hiv_status: 'positive' }), hiv: true }, 'hiv'), [
      'CONFIRMED HIV INFECTION',
    ]);
  });
});

const infant = (
  extra: Record<string, boolean | number | string>,
  days = 20,
  temperatureC = 36.8,
) => ({
  days,
  temperatureC,
  findings: {
    feeding_difficulty: false,
    convulsions_history: false,
    respiratory_rate: 45,
    severe_chest_indrawing: false,
    less_than_normal_movements: false,
    umbilicus_red_or_draining_pus: false,
    skin_pustules: 'none',
    ...extra,
  },
});
const BI = 'young_infant_bacterial_infection';

describe('sick young infant (imci-facts B)', () => {
  test('a respiratory rate of 59 is not fast; 60 and 61 are very severe disease', () => {
    assert.deepEqual(inBox(infant({ respiratory_rate: 59 }), BI), [
      'SEVERE DISEASE OR LOCAL INFECTION UNLIKELY',
    ]);
    assert.deepEqual(inBox(infant({ respiratory_rate: 60 }), BI), ['VERY SEVERE DISEASE']);
    assert.deepEqual(inBox(infant({ respiratory_rate: 61 }), BI), ['VERY SEVERE DISEASE']);
  });
  test('temperature 37.4 °C is not fever, 37.5 is; 35.5 is not low, 35.4 is', () => {
    assert.deepEqual(inBox(infant({}, 20, 37.4), BI), [
      'SEVERE DISEASE OR LOCAL INFECTION UNLIKELY',
    ]);
    assert.deepEqual(inBox(infant({}, 20, 37.5), BI), ['VERY SEVERE DISEASE']);
    assert.deepEqual(inBox(infant({}, 20, 35.5), BI), [
      'SEVERE DISEASE OR LOCAL INFECTION UNLIKELY',
    ]);
    assert.deepEqual(inBox(infant({}, 20, 35.4), BI), ['VERY SEVERE DISEASE']);
  });
  test('skin pustules or a red umbilicus are a local bacterial infection', () => {
    assert.deepEqual(inBox(infant({ skin_pustules: 'some' }), BI), ['LOCAL BACTERIAL INFECTION']);
    assert.deepEqual(inBox(infant({ umbilicus_red_or_draining_pus: true }), BI), [
      'LOCAL BACTERIAL INFECTION',
    ]);
  });
  test('jaundice on the first day is severe; from day 1 it is jaundice; yellow palms are always severe', () => {
    assert.deepEqual(inBox(infant({ jaundice: true }, 0), 'young_infant_jaundice'), [
      'SEVERE JAUNDICE',
    ]);
    assert.deepEqual(
      inBox(infant({ jaundice: true, yellow_palms_and_soles: false }, 1), 'young_infant_jaundice'),
      ['JAUNDICE'],
    );
    assert.deepEqual(inBox(infant({ yellow_palms_and_soles: true }, 10), 'young_infant_jaundice'), [
      'SEVERE JAUNDICE',
    ]);
  });
  test('7 breastfeeds in 24 hours is a feeding problem; 8 is not', () => {
    const feed = (n: number) =>
      inBox(
        infant({
          breastfed: true,
          breastfeeds_per_24h: n,
          attachment: 'good',
          suckling: 'effective',
          low_weight_for_age: false,
          oral_thrush: false,
          other_foods_or_drinks: 'none',
        }),
        'young_infant_feeding',
      );
    assert.deepEqual(feed(7), ['FEEDING PROBLEM OR LOW WEIGHT']);
    assert.deepEqual(feed(8), ['NO FEEDING PROBLEM']);
  });
  test('other foods recorded in words count as other foods; "none" does not', () => {
    const feed = (other: string) =>
      inBox(
        infant({
          breastfed: true,
          breastfeeds_per_24h: 10,
          attachment: 'good',
          suckling: 'effective',
          low_weight_for_age: false,
          oral_thrush: false,
          other_foods_or_drinks: other,
        }),
        'young_infant_feeding',
      );
    assert.deepEqual(feed('cow milk in the afternoon'), ['FEEDING PROBLEM OR LOW WEIGHT']);
    assert.deepEqual(feed('none'), ['NO FEEDING PROBLEM']);
  });
  test('HB05 calls the pink row possible serious bacterial infection and has no jaundice table', () => {
    const tc = {
      ...infant({ respiratory_rate: 62, jaundice: true }),
      edition: 'imci-2005' as const,
    };
    assert.deepEqual(inBox(tc, BI), ['POSSIBLE SERIOUS BACTERIAL INFECTION']);
    assert.deepEqual(inBox(tc, 'young_infant_jaundice'), []);
  });
});

describe('choosing the chart by age (imci-facts 0.3)', () => {
  test('1 month uses the young-infant chart; exactly 2 months the sick-child chart', () => {
    assert.equal(run({ months: 1, findings: {} }).protocol?.population, 'young-infant');
    assert.equal(run({ months: 2, findings: {} }).protocol?.population, 'sick-child');
  });
  test('59 months is in; 60 months is out of scope', () => {
    assert.equal(run({ months: 59, findings: {} }).outcome, 'assessed');
    assert.equal(run({ months: 60, findings: {} }).outcome, 'out-of-scope');
  });
  test('every result names its protocol and edition', () => {
    const a = run({ months: 18, findings: NO_DANGER_SIGNS, edition: 'imci-2005' });
    assert.equal(a.edition.id, 'imci-2005');
    assert.equal(a.protocol?.id, 'imci-2005/sick-child');
    assert.ok(a.classifications.every((c) => c.citation.edition !== ''));
  });
});
