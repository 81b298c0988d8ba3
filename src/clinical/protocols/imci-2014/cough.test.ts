import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inBox, NO_DANGER_SIGNS, run } from '../../test-helpers/classify.js';

const BOX = 'cough_or_difficult_breathing';

function cough(months: number, extra: Record<string, boolean | number | string> = {}) {
  return {
    months,
    findings: {
      ...NO_DANGER_SIGNS,
      cough_or_difficult_breathing: true,
      cough_days: 3,
      chest_indrawing: false,
      stridor: false,
      wheeze: false,
      pulse_oximeter_available: false,
      ...extra,
    },
  };
}

describe('fast breathing by age (CB14; HB05 p.21)', () => {
  for (const months of [2, 11]) {
    test(`at ${months} months 49/min is a cough or cold and 50 or 51/min is pneumonia`, () => {
      assert.deepEqual(inBox(cough(months, { respiratory_rate: 49 }), BOX), ['COUGH OR COLD']);
      assert.deepEqual(inBox(cough(months, { respiratory_rate: 50 }), BOX), ['PNEUMONIA']);
      assert.deepEqual(inBox(cough(months, { respiratory_rate: 51 }), BOX), ['PNEUMONIA']);
    });
  }
  test('fast breathing at exactly 12 months uses 40: 39 is not fast, 40 and 41 are', () => {
    assert.deepEqual(inBox(cough(12, { respiratory_rate: 39 }), BOX), ['COUGH OR COLD']);
    assert.deepEqual(inBox(cough(12, { respiratory_rate: 40 }), BOX), ['PNEUMONIA']);
    assert.deepEqual(inBox(cough(12, { respiratory_rate: 41 }), BOX), ['PNEUMONIA']);
  });
  test('at 59 months 39/min is not fast and 40/min is', () => {
    assert.deepEqual(inBox(cough(59, { respiratory_rate: 39 }), BOX), ['COUGH OR COLD']);
    assert.deepEqual(inBox(cough(59, { respiratory_rate: 40 }), BOX), ['PNEUMONIA']);
  });
  test('an unrecorded rate leaves the table open and asks for the rate', () => {
    const a = run(cough(18));
    assert.equal(a.classifications[0]?.status, 'provisional');
    assert.ok(a.unanswered.includes('respiratory_rate'));
  });
});

describe('the pink row', () => {
  test('classifies stridor in a calm child as severe pneumonia or very severe disease', () => {
    assert.deepEqual(inBox(cough(18, { respiratory_rate: 30, stridor: true }), BOX), [
      'SEVERE PNEUMONIA OR VERY SEVERE DISEASE',
    ]);
  });
  test('SpO2 89 % is pink, 90 % and 91 % are not (CB14: below 90 %)', () => {
    const spo2 = (v: number) =>
      inBox(
        cough(18, { respiratory_rate: 30, pulse_oximeter_available: true, oxygen_saturation: v }),
        BOX,
      );
    assert.deepEqual(spo2(89), ['SEVERE PNEUMONIA OR VERY SEVERE DISEASE']);
    assert.deepEqual(spo2(90), ['COUGH OR COLD']);
    assert.deepEqual(spo2(91), ['COUGH OR COLD']);
  });
  test('a low SpO2 counts even when the oximeter question was not answered', () => {
    const a = run(
      cough(18, {
        respiratory_rate: 30,
        pulse_oximeter_available: undefined as never,
        oxygen_saturation: 85,
      }),
    );
    assert.equal(
      a.classifications.find((c) => c.box === BOX)?.name,
      'SEVERE PNEUMONIA OR VERY SEVERE DISEASE',
    );
  });
  test('chest indrawing is pneumonia in 2014 and severe pneumonia in 2005 (imci-facts G1)', () => {
    const tc = cough(18, { respiratory_rate: 30, chest_indrawing: true });
    assert.deepEqual(inBox(tc, BOX), ['PNEUMONIA']);
    assert.deepEqual(inBox({ ...tc, edition: 'imci-2005' }, BOX), [
      'SEVERE PNEUMONIA OR VERY SEVERE DISEASE',
    ]);
  });
});

describe('the wheeze rule', () => {
  const wheezy = { respiratory_rate: 45, wheeze: true };
  test('uses the recount after a bronchodilator trial: still fast is pneumonia', () => {
    const tc = cough(18, {
      ...wheezy,
      bronchodilator_trial_done: true,
      post_bronchodilator_respiratory_rate: 42,
      post_bronchodilator_chest_indrawing: false,
    });
    assert.deepEqual(inBox(tc, BOX), ['PNEUMONIA']);
  });
  test('no longer fast after the trial is a cough or cold, with inhaled salbutamol for home', () => {
    const tc = cough(18, {
      ...wheezy,
      bronchodilator_trial_done: true,
      post_bronchodilator_respiratory_rate: 39,
      post_bronchodilator_chest_indrawing: false,
    });
    const a = run(tc);
    assert.deepEqual(inBox(tc, BOX), ['COUGH OR COLD']);
    assert.ok(a.treatments.some((t) => t.id === 'salbutamol-inhaled-home'));
  });
  test('without a recorded trial classifies on the first count and asks about the trial', () => {
    const a = run(cough(18, wheezy));
    assert.equal(a.classifications.find((c) => c.box === BOX)?.name, 'PNEUMONIA');
    assert.ok(a.unanswered.includes('bronchodilator_trial_done'));
  });
});

describe('validity of the count', () => {
  test('a rate counted in a child who was not calm is not used, and the reason is given', () => {
    const a = run(cough(18, { respiratory_rate: 60, child_calm_during_count: false }));
    assert.ok(a.invalidFindings.some((i) => /not calm/.test(i.message)));
    assert.ok(a.unanswered.includes('respiratory_rate'));
    assert.notEqual(a.classifications.find((c) => c.box === BOX)?.status, 'final');
  });
  test('a rate not counted for a full minute is not used', () => {
    const a = run(cough(18, { respiratory_rate: 60, rr_counted_full_minute: false }));
    assert.ok(a.invalidFindings.some((i) => /full minute/.test(i.message)));
  });
});

describe('referral for chronic cough', () => {
  const refer = (days: number, edition?: 'imci-2005') =>
    run({
      ...cough(18, { respiratory_rate: 30, cough_days: days }),
      ...(edition ? { edition } : {}),
    }).treatments.some((t) => t.id === 'refer-for-assessment');
  test('CB14 refers a cough of 14 days, not of 13 (imci-facts G4)', () => {
    assert.equal(refer(13), false);
    assert.equal(refer(14), true);
    assert.equal(refer(15), true);
  });
  test('HB05 refers a cough of more than 30 days: 30 is not referred, 31 is', () => {
    assert.equal(refer(30, 'imci-2005'), false);
    assert.equal(refer(31, 'imci-2005'), true);
  });
  test('chest indrawing in an HIV-exposed child: pneumonia, referred but not urgently', () => {
    const a = run(
      cough(18, { respiratory_rate: 30, chest_indrawing: true, hiv_exposed_or_infected: true }),
    );
    assert.equal(a.referral, true);
    assert.equal(a.urgentReferral, false);
  });
});

describe('danger signs', () => {
  test('a child with a danger sign still gets every other pathway assessed', () => {
    const a = run({
      months: 18,
      findings: {
        ...NO_DANGER_SIGNS,
        vomits_everything: true,
        diarrhoea: true,
        diarrhoea_days: 3,
        blood_in_stool: true,
        ear_problem: true,
        ear_pain: true,
      },
    });
    const got = a.classifications.map((c) => c.name);
    assert.ok(got.includes('VERY SEVERE DISEASE'));
    assert.ok(got.includes('DYSENTERY'));
    assert.ok(got.includes('ACUTE EAR INFECTION'));
    assert.equal(a.urgentReferral, true);
  });
  test('convulsing now means urgent referral in 2014 (a listed sign) and in HB05 (convulsions in this illness)', () => {
    const tc = { months: 18, findings: { ...NO_DANGER_SIGNS, convulsing_now: true } };
    assert.ok(run(tc).urgentReferral);
    assert.ok(run({ ...tc, edition: 'imci-2005' }).urgentReferral);
    assert.ok(run(tc).classifications.some((c) => c.name === 'VERY SEVERE DISEASE'));
    assert.ok(
      !run({ ...tc, edition: 'imci-2005' }).classifications.some(
        (c) => c.name === 'VERY SEVERE DISEASE',
      ),
    );
  });
  test('a convulsing child gets rectal diazepam before referral', () => {
    const a = run({ months: 18, findings: { ...NO_DANGER_SIGNS, convulsing_now: true } });
    const diazepam = a.treatments.find((t) => t.id === 'diazepam-rectal-convulsions');
    assert.equal(diazepam?.phase, 'pre-referral');
  });
});
