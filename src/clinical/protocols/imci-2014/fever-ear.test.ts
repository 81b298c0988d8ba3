import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inBox, NO_DANGER_SIGNS, run } from '../../test-helpers/classify.js';

function fever(extra: Record<string, boolean | number | string>, temperatureC?: number) {
  return {
    months: 18,
    ...(temperatureC === undefined ? {} : { temperatureC }),
    findings: {
      ...NO_DANGER_SIGNS,
      fever: true,
      fever_days: 2,
      malaria_risk: 'high',
      malaria_test: 'negative',
      stiff_neck: false,
      runny_nose: false,
      obvious_cause_of_fever: false,
      generalized_rash: false,
      measles_last_3_months: false,
      ...extra,
    },
  };
}

describe('fever (CB14; imci-facts A.4)', () => {
  test('a temperature of 37.4 °C without reported fever does not open the fever table; 37.5 does', () => {
    const base = { ...fever({}).findings, fever: false };
    assert.deepEqual(inBox({ months: 18, temperatureC: 37.4, findings: base }, 'fever'), []);
    assert.deepEqual(inBox({ months: 18, temperatureC: 37.5, findings: base }, 'fever'), [
      'FEVER: NO MALARIA',
    ]);
  });
  test('paracetamol from 38.5 °C, not at 38.4', () => {
    const para = (t: number) =>
      run(fever({}, t)).treatments.some((x) => x.id === 'paracetamol-fever');
    assert.equal(para(38.4), false);
    assert.equal(para(38.5), true);
    assert.equal(para(38.6), true);
  });
  test('a positive test is malaria; a negative one is fever: no malaria', () => {
    assert.deepEqual(inBox(fever({ malaria_test: 'positive' }), 'fever'), ['MALARIA']);
    assert.deepEqual(inBox(fever({}), 'fever'), ['FEVER: NO MALARIA']);
  });
  test('stiff neck is very severe febrile disease with a pre-referral antimalarial in a malaria area', () => {
    const a = run(fever({ stiff_neck: true }));
    assert.deepEqual(inBox(fever({ stiff_neck: true }), 'fever'), ['VERY SEVERE FEBRILE DISEASE']);
    assert.ok(a.treatments.some((t) => t.id === 'artesunate-im-prereferral'));
  });
  test('no malaria risk gives FEVER; high risk without a test asks for the test', () => {
    assert.deepEqual(inBox(fever({ malaria_risk: 'none' }), 'fever'), ['FEVER']);
    const tc = fever({});
    delete (tc.findings as Record<string, unknown>).malaria_test;
    assert.ok(run(tc).unanswered.includes('malaria_test'));
  });
  test('HB05 treats fever in a high-risk area as malaria without a test (imci-facts G6)', () => {
    const tc = { ...fever({}), edition: 'imci-2005' as const };
    delete (tc.findings as Record<string, unknown>).malaria_test;
    assert.deepEqual(inBox(tc, 'fever'), ['MALARIA']);
  });
  test('fever every day for more than 7 days is referred: 7 days no, 8 days yes, 8 days not every day no', () => {
    const refer = (days: number, everyDay: boolean) =>
      run(fever({ fever_days: days, fever_every_day: everyDay })).treatments.some(
        (t) => t.id === 'refer-for-assessment',
      );
    assert.equal(refer(7, true), false);
    assert.equal(refer(8, true), true);
    assert.equal(refer(8, false), false);
  });
});

describe('measles', () => {
  test('rash with red eyes is measles; pus from the eye adds the eye complication', () => {
    assert.ok(
      inBox(
        fever({
          generalized_rash: true,
          red_eyes: true,
          mouth_ulcers: false,
          pus_from_eye: false,
          clouding_of_cornea: false,
        }),
        'fever',
      ).includes('MEASLES'),
    );
    assert.ok(
      inBox(
        fever({
          generalized_rash: true,
          red_eyes: true,
          pus_from_eye: true,
          mouth_ulcers: false,
          clouding_of_cornea: false,
        }),
        'fever',
      ).includes('MEASLES WITH EYE OR MOUTH COMPLICATIONS'),
    );
  });
  test('clouding of the cornea is severe complicated measles, referred urgently', () => {
    const a = run(fever({ generalized_rash: true, red_eyes: true, clouding_of_cornea: true }));
    assert.ok(a.classifications.some((c) => c.name === 'SEVERE COMPLICATED MEASLES'));
    assert.equal(a.urgentReferral, true);
  });
  test('measles within the last 3 months is classified even without a rash now', () => {
    assert.ok(
      inBox(
        fever({
          measles_last_3_months: true,
          mouth_ulcers: false,
          pus_from_eye: false,
          clouding_of_cornea: false,
        }),
        'fever',
      ).includes('MEASLES'),
    );
  });
});

describe('ear problem (imci-facts A.5)', () => {
  const ear = (extra: Record<string, boolean | number>) => ({
    months: 18,
    findings: {
      ...NO_DANGER_SIGNS,
      ear_problem: true,
      ear_pain: false,
      tender_swelling_behind_ear: false,
      ...extra,
    },
  });
  test('pus with discharge for 13 days is acute; 14 and 15 days are chronic', () => {
    const box = (d: number) =>
      inBox(
        ear({ pus_seen_draining_from_ear: true, ear_discharge: true, ear_discharge_days: d }),
        'ear',
      );
    assert.deepEqual(box(13), ['ACUTE EAR INFECTION']);
    assert.deepEqual(box(14), ['CHRONIC EAR INFECTION']);
    assert.deepEqual(box(15), ['CHRONIC EAR INFECTION']);
  });
  test('tender swelling behind the ear is mastoiditis even when the ear question was not asked', () => {
    assert.deepEqual(inBox({ months: 36, findings: { tender_swelling_behind_ear: true } }, 'ear'), [
      'MASTOIDITIS',
    ]);
  });
  test('no pain and no pus is no ear infection', () => {
    assert.deepEqual(
      inBox(ear({ pus_seen_draining_from_ear: false, ear_discharge: false }), 'ear'),
      ['NO EAR INFECTION'],
    );
  });
  test('HB05 treats chronic ear infection by wicking only (imci-facts G10)', () => {
    const tc = {
      ...ear({ pus_seen_draining_from_ear: true, ear_discharge: true, ear_discharge_days: 20 }),
      edition: 'imci-2005' as const,
    };
    assert.ok(!run(tc).treatments.some((t) => t.id === 'quinolone-ear-drops'));
    assert.ok(
      run({ ...tc, edition: 'imci-2014' }).treatments.some((t) => t.id === 'quinolone-ear-drops'),
    );
  });
});

describe('questions that apply later', () => {
  test('with the malaria risk unknown, the test questions wait for it; with high risk they are asked now', () => {
    const unknownRisk = fever({});
    delete (unknownRisk.findings as Record<string, unknown>).malaria_risk;
    delete (unknownRisk.findings as Record<string, unknown>).malaria_test;
    const a = run(unknownRisk);
    assert.ok(a.toAssess.includes('malaria_risk'));
    assert.ok(a.toAssessLater.includes('malaria_test_available'));
    assert.ok(!a.toAssess.includes('malaria_test_available'));
    const high = fever({});
    delete (high.findings as Record<string, unknown>).malaria_test;
    assert.ok(run(high).toAssess.includes('malaria_test_available'));
  });
});
