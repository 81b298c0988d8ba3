import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inBox, NO_DANGER_SIGNS, run } from '../../test-helpers/classify.js';

const BOX = 'diarrhoea';

function diarrhoea(extra: Record<string, boolean | number | string>, months = 18) {
  return {
    months,
    findings: {
      ...NO_DANGER_SIGNS,
      diarrhoea: true,
      diarrhoea_days: 3,
      blood_in_stool: false,
      restless_irritable: false,
      sunken_eyes: false,
      drinking: 'normally',
      skin_pinch: 'immediately',
      ...extra,
    },
  };
}

describe('dehydration needs two signs (CB14; imci-facts A.3)', () => {
  test('one severe sign alone is no dehydration', () => {
    assert.deepEqual(inBox(diarrhoea({ skin_pinch: 'very_slowly' }), BOX), ['NO DEHYDRATION']);
  });
  test('two severe signs are severe dehydration', () => {
    assert.deepEqual(inBox(diarrhoea({ skin_pinch: 'very_slowly', sunken_eyes: true }), BOX), [
      'SEVERE DEHYDRATION',
    ]);
  });
  test('lethargy with drinking poorly is severe dehydration, and the child is also a danger-sign child', () => {
    const a = run(diarrhoea({ lethargic_or_unconscious: true, drinking: 'poorly' }));
    assert.ok(a.classifications.some((c) => c.name === 'SEVERE DEHYDRATION'));
    assert.ok(a.classifications.some((c) => c.name === 'VERY SEVERE DISEASE'));
  });
  test('one some-dehydration sign is no dehydration; two are some dehydration', () => {
    assert.deepEqual(inBox(diarrhoea({ restless_irritable: true }), BOX), ['NO DEHYDRATION']);
    assert.deepEqual(
      inBox(diarrhoea({ restless_irritable: true, drinking: 'eagerly_thirsty' }), BOX),
      ['SOME DEHYDRATION'],
    );
  });
  test('severe dehydration alone is treated with Plan C in the clinic, without urgent referral', () => {
    const a = run(diarrhoea({ sunken_eyes: true, drinking: 'poorly' }));
    assert.equal(a.urgentReferral, false);
    assert.ok(a.treatments.some((t) => t.id === 'iv-plan-c'));
  });
  test('severe dehydration with another severe classification is referred with ORS sips, not Plan C', () => {
    const a = run(diarrhoea({ sunken_eyes: true, drinking: 'poorly', vomits_everything: true }));
    assert.equal(a.urgentReferral, true);
    assert.ok(!a.treatments.some((t) => t.id === 'iv-plan-c'));
  });
  test('a positive "unable to drink" danger sign fills the drinking sign; a negative one does not', () => {
    const positive = diarrhoea({ unable_to_drink_or_breastfeed: true, sunken_eyes: true });
    delete (positive.findings as Record<string, unknown>).drinking;
    assert.ok(inBox(positive, BOX).includes('SEVERE DEHYDRATION'));
    const negative = diarrhoea({});
    delete (negative.findings as Record<string, unknown>).drinking;
    assert.ok(run(negative).toAssess.includes('drinking'));
  });
});

describe('persistent diarrhoea and dysentery', () => {
  test('13 days is not persistent; 14 and 15 days are', () => {
    assert.deepEqual(inBox(diarrhoea({ diarrhoea_days: 13 }), BOX), ['NO DEHYDRATION']);
    assert.deepEqual(inBox(diarrhoea({ diarrhoea_days: 14 }), BOX).sort(), [
      'NO DEHYDRATION',
      'PERSISTENT DIARRHOEA',
    ]);
    assert.deepEqual(inBox(diarrhoea({ diarrhoea_days: 15 }), BOX).sort(), [
      'NO DEHYDRATION',
      'PERSISTENT DIARRHOEA',
    ]);
  });
  test('persistent diarrhoea with some dehydration is severe persistent diarrhoea, referred urgently', () => {
    const a = run(diarrhoea({ diarrhoea_days: 14, restless_irritable: true, sunken_eyes: true }));
    assert.ok(a.classifications.some((c) => c.name === 'SEVERE PERSISTENT DIARRHOEA'));
    assert.equal(a.urgentReferral, true);
  });
  test('blood in the stool is dysentery: ciprofloxacin in 2014, follow-up 3 days (2 in HB05)', () => {
    const tc = diarrhoea({ blood_in_stool: true });
    const a = run(tc);
    assert.ok(inBox(tc, BOX).includes('DYSENTERY'));
    assert.ok(a.treatments.some((t) => t.id === 'ciprofloxacin-dysentery-cb14'));
    assert.equal(a.classifications.find((c) => c.name === 'DYSENTERY')?.followUpDays, 3);
    const hb = run({ ...tc, edition: 'imci-2005' });
    assert.equal(hb.classifications.find((c) => c.name === 'DYSENTERY')?.followUpDays, 2);
  });
  test('an unrecorded duration is asked, because it could add persistent diarrhoea', () => {
    const tc = diarrhoea({});
    delete (tc.findings as Record<string, unknown>).diarrhoea_days;
    assert.ok(run(tc).unanswered.includes('diarrhoea_days'));
  });
});

describe('cholera antibiotic from 2 years', () => {
  const severe = { sunken_eyes: true, drinking: 'poorly', cholera_in_area: true };
  const hasCholera = (months: number) =>
    run(diarrhoea(severe, months)).treatments.some((t) => t.id === 'cholera-antibiotic');
  test('23 months: no; 24 and 25 months: yes', () => {
    assert.equal(hasCholera(23), false);
    assert.equal(hasCholera(24), true);
    assert.equal(hasCholera(25), true);
  });
});

describe('zinc is a 2014 treatment, not a 2005 one (imci-facts A.3 FLAG)', () => {
  test('no dehydration gets zinc in 2014 and not in 2005', () => {
    assert.ok(run(diarrhoea({})).treatments.some((t) => t.id === 'zinc-diarrhoea'));
    assert.ok(
      !run({ ...diarrhoea({}), edition: 'imci-2005' }).treatments.some(
        (t) => t.id === 'zinc-diarrhoea',
      ),
    );
  });
});
