/**
 * Hand-curated contraindications by patient state: pregnancy and age. Allergy rules are in
 * allergies.ts. Sources are named per row; K marks team knowledge from the named formulary or
 * guideline that must be re-read before release (imci-facts 0.1).
 *
 * Deliberately absent: ciprofloxacin in children. IMCI prescribes it for dysentery in children
 * 2-59 months (CB14; imci-facts C.3), so an age alert would be a false alarm on a chart dose.
 */
import type { Severity } from './types.js';

/** A rule that fires when one of `drugs` is given in a patient state. */
export interface StateRule {
  readonly id: string;
  readonly kind: 'pregnancy' | 'age';
  readonly drugs: readonly string[];
  /** Age rules: fires when the age in months is >= minMonths and < maxMonths. */
  readonly minMonths?: number;
  readonly maxMonths?: number;
  readonly severity: Severity;
  readonly effect: string;
  readonly action: string;
  readonly source: string;
}

const WMF = 'WHO Model Formulary 2008, Appendix 2 (pregnancy) (K)';

/** Pregnancy rules. */
export const PREGNANCY_RULES: readonly StateRule[] = [
  {
    id: 'preg-tetracyclines',
    kind: 'pregnancy',
    drugs: ['tetracycline', 'doxycycline'],
    severity: 'contraindicated',
    effect: 'Tetracyclines stain and weaken fetal teeth and bone.',
    action: 'Do not give in pregnancy; use an alternative antibiotic.',
    source: WMF,
  },
  {
    id: 'preg-primaquine',
    kind: 'pregnancy',
    drugs: ['primaquine'],
    severity: 'contraindicated',
    effect: 'Haemolysis in a fetus whose G6PD status is unknown.',
    action: 'Do not give in pregnancy; give chloroquine prophylaxis until after delivery (WHO).',
    source: 'WHO Guidelines for malaria, primaquine (K)',
  },
  {
    id: 'preg-vitamin-a',
    kind: 'pregnancy',
    drugs: ['vitamin-a'],
    severity: 'contraindicated',
    effect: 'High-dose vitamin A (capsules of 50 000-200 000 IU) is teratogenic.',
    action: 'Do not give high-dose capsules in pregnancy; only low daily doses where WHO advises.',
    source: 'WHO guideline: vitamin A supplementation in pregnant women, 2011 (K)',
  },
  {
    id: 'preg-warfarin',
    kind: 'pregnancy',
    drugs: ['warfarin', 'acenocoumarol'],
    severity: 'contraindicated',
    effect: 'Vitamin K antagonists cause embryopathy and fetal bleeding.',
    action: 'Refer: switch to heparin under specialist care.',
    source: WMF,
  },
  {
    id: 'preg-methotrexate',
    kind: 'pregnancy',
    drugs: ['methotrexate'],
    severity: 'contraindicated',
    effect: 'Methotrexate is teratogenic and abortifacient.',
    action: 'Stop and refer.',
    source: WMF,
  },
  {
    id: 'preg-ace',
    kind: 'pregnancy',
    drugs: ['enalapril', 'captopril', 'lisinopril'],
    severity: 'contraindicated',
    effect: 'ACE inhibitors harm fetal kidneys (2nd and 3rd trimester).',
    action: 'Switch to methyldopa or nifedipine per national guideline.',
    source: WMF,
  },
  {
    id: 'preg-statin',
    kind: 'pregnancy',
    drugs: ['simvastatin'],
    severity: 'contraindicated',
    effect: 'Statins are contraindicated in pregnancy.',
    action: 'Stop during pregnancy.',
    source: WMF,
  },
  {
    id: 'preg-ciprofloxacin',
    kind: 'pregnancy',
    drugs: ['ciprofloxacin'],
    severity: 'major',
    effect: 'Fluoroquinolones are avoided in pregnancy (arthropathy in animal studies).',
    action: 'Use an alternative antibiotic unless none is suitable.',
    source: WMF,
  },
  {
    id: 'preg-anthelminthic',
    kind: 'pregnancy',
    drugs: ['mebendazole', 'albendazole'],
    severity: 'major',
    effect: 'Not recommended in the first trimester.',
    action: 'Do not give in the first trimester; WHO allows deworming from the second trimester.',
    source: 'WHO guideline: preventive chemotherapy for helminths, 2017 (K)',
  },
  {
    id: 'preg-gentamicin',
    kind: 'pregnancy',
    drugs: ['gentamicin'],
    severity: 'major',
    effect: 'Aminoglycosides can damage the fetal eighth cranial nerve.',
    action: 'Give only for a serious infection with no alternative.',
    source: WMF,
  },
  {
    id: 'preg-antiepileptic',
    kind: 'pregnancy',
    drugs: ['valproate', 'phenytoin', 'carbamazepine'],
    severity: 'major',
    effect: 'Antiepileptics, valproate most, raise the risk of malformations.',
    action: 'Do not stop abruptly; refer for specialist review and folic acid.',
    source: WMF,
  },
  {
    id: 'preg-lithium',
    kind: 'pregnancy',
    drugs: ['lithium'],
    severity: 'major',
    effect: 'Lithium in the first trimester raises the risk of cardiac malformations.',
    action: 'Refer for specialist review.',
    source: WMF,
  },
  {
    id: 'preg-nsaid',
    kind: 'pregnancy',
    drugs: ['ibuprofen', 'diclofenac', 'aspirin'],
    severity: 'major',
    effect: 'NSAIDs late in pregnancy can close the ductus arteriosus early.',
    action: 'Avoid, especially in the third trimester; use paracetamol for pain.',
    source: WMF,
  },
  {
    id: 'preg-chloramphenicol',
    kind: 'pregnancy',
    drugs: ['chloramphenicol'],
    severity: 'major',
    effect: 'Near term, chloramphenicol can cause grey baby syndrome in the newborn.',
    action: 'Avoid near term unless no alternative.',
    source: WMF,
  },
  {
    id: 'preg-halofantrine',
    kind: 'pregnancy',
    drugs: ['halofantrine'],
    severity: 'major',
    effect: 'Halofantrine is not recommended in pregnancy (embryotoxic in animals).',
    action: 'Use a recommended antimalarial.',
    source: WMF,
  },
  {
    id: 'preg-al',
    kind: 'pregnancy',
    drugs: ['artemether-lumefantrine'],
    severity: 'minor',
    effect:
      'WHO 2022 accepts artemether-lumefantrine in all trimesters; older guidance avoided ' +
      'it in the first trimester.',
    action: 'Follow the national policy on the first trimester.',
    source: 'imci-facts D.7 (K, FLAG)',
  },
];

/** Age rules (months). 1 month = under 30.4 days; 96 months = 8 years; 72 months = 6 years. */
export const AGE_RULES: readonly StateRule[] = [
  {
    id: 'age-tetracycline-under-8y',
    kind: 'age',
    drugs: ['tetracycline', 'doxycycline'],
    maxMonths: 96,
    severity: 'contraindicated',
    effect: 'Systemic tetracyclines under 8 years stain permanent teeth.',
    action: 'Use an alternative; tetracycline eye ointment is not affected.',
    source: WMF,
  },
  {
    id: 'age-rectal-artesunate-over-6y',
    kind: 'age',
    drugs: ['artesunate-rectal'],
    minMonths: 72,
    severity: 'major',
    effect: 'Rectal artesunate is for children 6 months to 6 years, not older children or adults.',
    action: 'Use IM or IV artesunate, or refer without rectal artesunate.',
    source: 'severemalaria.org, WHO (imci-facts C.5, C.14, V2)',
  },
  {
    id: 'age-cotrimoxazole-under-1m',
    kind: 'age',
    drugs: ['cotrimoxazole'],
    maxMonths: 1,
    severity: 'major',
    effect: 'Sulfonamides displace bilirubin: kernicterus in premature or ' + 'jaundiced newborns.',
    action: 'Avoid if premature or jaundiced; use amoxicillin or benzylpenicillin.',
    source: 'HB05 p.91 (imci-facts C.2, V)',
  },
  {
    id: 'age-ceftriaxone-neonate',
    kind: 'age',
    drugs: ['ceftriaxone'],
    maxMonths: 1,
    severity: 'major',
    effect: 'Ceftriaxone displaces bilirubin and precipitates with IV calcium ' + 'in newborns.',
    action: 'Avoid in jaundiced or premature newborns; never with IV calcium.',
    source: 'ceftriaxone product information (K)',
  },
  {
    id: 'age-chloramphenicol-neonate',
    kind: 'age',
    drugs: ['chloramphenicol'],
    maxMonths: 1,
    severity: 'major',
    effect: 'Grey baby syndrome in newborns.',
    action: 'Avoid under 1 month; the HB05 chart starts at 2 months.',
    source: WMF,
  },
  {
    id: 'age-diazepam-neonate',
    kind: 'age',
    drugs: ['diazepam'],
    maxMonths: 1,
    severity: 'major',
    effect: 'Diazepam in newborns risks apnoea; phenobarbital is the first-line anticonvulsant.',
    action: 'Use phenobarbital for neonatal convulsions (PB13) and refer.',
    source: 'WHO Pocket Book of Hospital Care for Children 2013 (K)',
  },
  {
    id: 'age-aspirin-child',
    kind: 'age',
    drugs: ['aspirin'],
    maxMonths: 192,
    severity: 'major',
    effect: 'Aspirin in children and adolescents under 16 years is linked to Reye syndrome.',
    action: 'Use paracetamol for fever and pain.',
    source: WMF,
  },
  {
    id: 'age-primaquine-infant',
    kind: 'age',
    drugs: ['primaquine'],
    maxMonths: 6,
    severity: 'contraindicated',
    effect: 'Primaquine is not given to infants under 6 months.',
    action: 'Do not give.',
    source: 'WHO Guidelines for malaria (K)',
  },
  {
    id: 'age-anthelminthic-under-1y',
    kind: 'age',
    drugs: ['mebendazole', 'albendazole'],
    maxMonths: 12,
    severity: 'moderate',
    effect: 'Deworming starts at 12 months (CB14); HB05 and ' + 'Ethiopia start at 2 years.',
    action: 'Do not deworm under 12 months.',
    source: 'imci-facts A.7, C.13 (V2, FLAG G12)',
  },
];
