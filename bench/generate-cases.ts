/**
 * Deterministic generator of plausible consult inputs for the benchmark (no personal data).
 */

type Finding = boolean | number | string;

export function generateCase(rnd: () => number, index: number): Record<string, unknown> {
  const chance = (p: number) => rnd() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const youngInfant = chance(0.15);
  const findings: Record<string, Finding> = {};
  const patient: Record<string, unknown> = {};
  if (youngInfant) {
    patient.age_days = Math.floor(rnd() * 59);
    patient.weight_kg = Math.round((2 + rnd() * 3) * 100) / 100;
    patient.temperature_c = Math.round((35 + rnd() * 4) * 10) / 10;
    Object.assign(findings, {
      feeding_difficulty: chance(0.1),
      convulsions_history: chance(0.03),
      respiratory_rate: 30 + Math.floor(rnd() * 40),
      severe_chest_indrawing: chance(0.05),
      less_than_normal_movements: chance(0.05),
      umbilicus_red_or_draining_pus: chance(0.1),
      skin_pustules: pick(['none', 'none', 'some', 'many_or_severe']),
      jaundice: chance(0.2),
      diarrhoea: chance(0.15),
      breastfed: true,
      breastfeeds_per_24h: 4 + Math.floor(rnd() * 10),
    });
  } else {
    const months = 2 + Math.floor(rnd() * 58);
    patient.age_months = months;
    patient.weight_kg = Math.round((4 + months * 0.25 + rnd() * 3) * 10) / 10;
    patient.temperature_c = Math.round((36 + rnd() * 3.5) * 10) / 10;
    Object.assign(findings, {
      unable_to_drink_or_breastfeed: chance(0.03),
      vomits_everything: chance(0.03),
      convulsions_history: chance(0.02),
      convulsing_now: chance(0.01),
      lethargic_or_unconscious: chance(0.02),
      cough_or_difficult_breathing: chance(0.5),
      diarrhoea: chance(0.3),
      fever: chance(0.5),
      ear_problem: chance(0.15),
    });
    if (findings.cough_or_difficult_breathing) {
      Object.assign(findings, {
        cough_days: 1 + Math.floor(rnd() * 20),
        respiratory_rate: 25 + Math.floor(rnd() * 35),
        chest_indrawing: chance(0.1),
        stridor: chance(0.03),
        wheeze: chance(0.15),
      });
    }
    if (findings.diarrhoea) {
      Object.assign(findings, {
        diarrhoea_days: 1 + Math.floor(rnd() * 20),
        blood_in_stool: chance(0.1),
        sunken_eyes: chance(0.3),
        restless_irritable: chance(0.3),
        drinking: pick(['normally', 'eagerly_thirsty', 'poorly']),
        skin_pinch: pick(['immediately', 'slowly', 'very_slowly']),
      });
    }
    if (findings.fever) {
      Object.assign(findings, {
        fever_days: 1 + Math.floor(rnd() * 10),
        malaria_risk: pick(['high', 'low', 'none']),
        malaria_test: pick(['positive', 'negative']),
        stiff_neck: chance(0.02),
        runny_nose: chance(0.4),
        generalized_rash: chance(0.05),
        measles_last_3_months: false,
      });
    }
    if (findings.ear_problem) {
      Object.assign(findings, {
        ear_pain: chance(0.5),
        pus_seen_draining_from_ear: chance(0.3),
        tender_swelling_behind_ear: chance(0.03),
      });
    }
    if (months >= 6) findings.muac_mm = 105 + Math.floor(rnd() * 50);
    findings.oedema_both_feet = chance(0.02);
    findings.palmar_pallor = pick(['none', 'none', 'some', 'severe']);
  }
  return { id: `bench-${index}`, patient, findings };
}
