/**
 * Code systems of the uploaded FHIR resources. Our own codes (classification, finding,
 * regimen, drug) are URNs: identifiers only, never fetched. LOINC and ICD-10 use their
 * canonical FHIR system URIs (FHIR R4 terminology, "Using Codes in Resources").
 */
export const SYSTEM = {
  classification: 'urn:medassist:imci-classification',
  finding: 'urn:medassist:finding',
  findingValue: 'urn:medassist:finding-value',
  regimen: 'urn:medassist:regimen',
  drug: 'urn:medassist:drug',
  formulation: 'urn:medassist:formulation',
  route: 'urn:medassist:route',
  extension: 'urn:medassist:extension',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  loinc: 'http://loinc.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  ucum: 'http://unitsofmeasure.org',
} as const;

/**
 * ICD-10 (WHO 2019 edition) codes for the IMCI classifications where one code fits.
 * Limitation: this mapping is ours and not yet reviewed by a coder or clinician; a
 * classification without a clear single code (the "no ..." rows, possible serious bacterial
 * infection, very severe febrile disease) is uploaded with our code only.
 */
export const ICD10: Readonly<Record<string, string>> = {
  pneumonia: 'J18.9',
  'cough-or-cold': 'J00',
  malaria: 'B54',
  'fever-malaria-unlikely': 'R50.9',
  fever: 'R50.9',
  'severe-dehydration': 'E86',
  'some-dehydration': 'E86',
  'persistent-diarrhoea': 'K52.9',
  'severe-persistent-diarrhoea': 'K52.9',
  dysentery: 'A09.0',
  measles: 'B05.9',
  'measles-with-eye-or-mouth-complications': 'B05.8',
  'severe-complicated-measles': 'B05.8',
  mastoiditis: 'H70.9',
  'acute-ear-infection': 'H66.9',
  'chronic-ear-infection': 'H66.3',
  anaemia: 'D64.9',
  'severe-anaemia': 'D64.9',
  'complicated-severe-acute-malnutrition': 'E43',
  'uncomplicated-severe-acute-malnutrition': 'E43',
  'moderate-acute-malnutrition': 'E44.0',
  'confirmed-hiv-infection': 'B24',
  'hiv-exposed': 'Z20.6',
  jaundice: 'P59.9',
  'severe-jaundice': 'P59.9',
};

/** LOINC codes of the vitals we record (LOINC 2.76 display names). */
export const LOINC: Readonly<Record<string, { code: string; display: string }>> = {
  weightKg: { code: '29463-7', display: 'Body weight' },
  temperatureC: { code: '8310-5', display: 'Body temperature' },
  heightCm: { code: '8302-2', display: 'Body height' },
  respiratory_rate: { code: '9279-1', display: 'Respiratory rate' },
  oxygen_saturation: { code: '59408-5', display: 'Oxygen saturation by pulse oximetry' },
};

/** UCUM units of the numeric findings and vitals; a unit we do not know stays our text. */
export const UCUM: Readonly<Record<string, string>> = {
  kg: 'kg',
  cm: 'cm',
  mm: 'mm',
  '°C': 'Cel',
  'breaths/min': '/min',
  'beats/min': '/min',
  '%': '%',
  '% SpO2': '%',
  times: '{times}',
  'z-score': '{z-score}',
  days: 'd',
  months: 'mo',
  mg: 'mg',
};
