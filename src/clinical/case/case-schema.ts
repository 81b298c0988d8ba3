/**
 * The input schema of one case in the neutral format (../shared/cases/VOCABULARY.md §1, §3).
 * Objects are strict, so a misspelt key is reported instead of silently dropped. The meta fields
 * of the test-case files (source, expected, ...) are accepted; only `edition`, `source` and
 * `assessed_boxes` are carried into the parsed case.
 */
import { z } from 'zod';
import { MAX_AGE_DAYS, MAX_AGE_MONTHS } from './age.js';
import {
  booleanField,
  dateField,
  enumField,
  numberField,
  showValue,
  textField,
} from './case-fields.js';
import { CHART_BOXES, FINDING_KEYS, FINDINGS, type FindingSpec } from './vocabulary.js';

/**
 * Axillary temperature bound in °C. Chosen by us: the chart signs (young infant below 35.5 °C,
 * fever from 37.5 °C; imci-facts B.1, A.4) lie well inside, and a reading under 30 or over 45 is
 * a thermometer or typing error.
 */
export const TEMPERATURE_C_RANGE = { min: 30, max: 45 } as const;

/** Body weight bound in kg. Chosen by us: from an extremely preterm newborn to a heavy adult. */
export const WEIGHT_KG_RANGE = { min: 0.5, max: 250 } as const;

/** Length or height bound in cm. Chosen by us: from an extremely preterm newborn to any adult. */
export const HEIGHT_CM_RANGE = { min: 20, max: 250 } as const;

function objectError(what: string) {
  return (iss: { code?: string; input?: unknown }) => {
    if (iss.code === 'unrecognized_keys') return `unknown key in ${what}`;
    if (iss.input === undefined) return `is required: ${what} as an object, possibly empty {}`;

    return `expected ${what} as an object [${showValue(iss.input)}]`;
  };
}

function findingField(spec: FindingSpec) {
  const field = buildFindingField(spec);
  const unit = spec.unit === undefined ? '' : ` Unit: ${spec.unit}.`;

  // null is how EdgeIMCI writes "not assessed" (VOCABULARY.md §3); it is read as an omitted key.
  return field
    .nullable()
    .optional()
    .meta({ description: `${spec.description}${unit} Box: ${spec.box}.` });
}

function buildFindingField(spec: FindingSpec) {
  switch (spec.type) {
    case 'boolean':
      return booleanField();
    case 'number': {
      // Every number of the vocabulary has a range and a unit; a test keeps it so.
      if (spec.range === undefined) throw new Error('number finding without a range');
      return numberField({
        ...spec.range,
        ...(spec.unit === undefined ? {} : { unit: spec.unit }),
      });
    }
    case 'enum': {
      const [first, ...rest] = spec.values ?? [];
      if (first === undefined) throw new Error('enum finding without values');
      return enumField([first, ...rest]);
    }
    case 'string':
      return textField(1000);
  }
}

/** The `findings` object: every vocabulary key, each optional. */
export const findingsSchema = z.strictObject(
  Object.fromEntries(FINDING_KEYS.map((key) => [key, findingField(FINDINGS[key])])),
  { error: objectError('findings') },
);

/** The `patient` object, with the identifying fields kept apart later by `parseCase`. */
export const patientSchema = z.strictObject(
  {
    age_months: numberField({ min: 0, max: MAX_AGE_MONTHS, unit: 'months', integer: true })
      .nullable()
      .optional()
      .meta({ description: 'Age in completed months; null when the source gives no age.' }),
    age_days: numberField({ min: 0, max: MAX_AGE_DAYS, unit: 'days', integer: true })
      .nullable()
      .optional()
      .meta({ description: 'Age in days; authoritative for young infants.' }),
    date_of_birth: dateField().optional().meta({ description: 'Date of birth (identifying).' }),
    sex: enumField(['male', 'female']).optional().meta({ description: 'Sex, when stated.' }),
    weight_kg: numberField({ ...WEIGHT_KG_RANGE, unit: 'kg' })
      .optional()
      .meta({ description: 'Body weight in kg.' }),
    temperature_c: numberField({ ...TEMPERATURE_C_RANGE, unit: '°C' })
      .optional()
      .meta({ description: 'Axillary temperature in °C (the chart thresholds are axillary).' }),
    height_cm: numberField({ ...HEIGHT_CM_RANGE, unit: 'cm' })
      .optional()
      .meta({ description: 'Length or height in cm.' }),
    height_measured: enumField(['length', 'height'])
      .optional()
      .meta({ description: 'Whether height_cm was measured lying (length) or standing.' }),
    medicines: z
      .array(textField(200), {
        error: (iss) => `expected a list of text [${showValue(iss.input)}]`,
      })
      .optional()
      .meta({ description: 'Medicines the patient takes now.' }),
    allergies: z
      .array(textField(200), {
        error: (iss) => `expected a list of text [${showValue(iss.input)}]`,
      })
      .optional()
      .meta({ description: 'Known allergies.' }),
    pregnant: booleanField().optional().meta({ description: 'Pregnant, when it applies.' }),
    id: textField(64)
      .optional()
      .meta({ description: 'Id of a patient registered in this clinic (links repeat visits).' }),
    name: textField(200, true).optional().meta({ description: 'Name (identifying).' }),
    village: textField(200, true).optional().meta({ description: 'Village (identifying).' }),
    phone: textField(50, true).optional().meta({ description: 'Phone number (identifying).' }),
  },
  { error: objectError('patient') },
);

const metaObject = z.record(z.string(), z.unknown(), {
  error: (iss) => `expected an object [${showValue(iss.input)}]`,
});

/** One case in the neutral format. */
export const caseSchema = z.strictObject(
  {
    id: textField(200).optional().meta({ description: 'Stable case id.' }),
    patient: patientSchema,
    findings: findingsSchema,
    visit_date: dateField()
      .optional()
      .meta({ description: 'Date of the visit; defaults to the clinic date.' }),
    source: textField(1000).optional().meta({ description: 'Where the case comes from.' }),
    edition: textField(200).optional().meta({ description: 'Rule set the source applies.' }),
    answer_quality: enumField(['printed', 'derived', 'oracle'])
      .optional()
      .meta({ description: 'Test-case files only; ignored.' }),
    assessed_boxes: z
      .array(enumField(CHART_BOXES), {
        error: (iss) => `expected a list of chart boxes [${showValue(iss.input)}]`,
      })
      .optional()
      .meta({ description: 'Chart boxes for which the source records anything.' }),
    partial: booleanField().optional().meta({ description: 'Test-case files only; ignored.' }),
    expected: metaObject.optional().meta({ description: 'Test-case files only; ignored.' }),
    source_detail: metaObject.optional().meta({ description: 'Test-case files only; ignored.' }),
    notes: z
      .union([z.string(), z.array(z.string())], {
        error: (iss) => `expected text or a list of text [${showValue(iss.input)}]`,
      })
      .optional()
      .meta({ description: 'Free-text caveats; ignored.' }),
  },
  { error: objectError('a case') },
);

/** The case as zod reads it (snake_case, as in the neutral format). */
export type CaseInput = z.output<typeof caseSchema>;

/**
 * The JSON Schema (draft 2020-12) of a case as accepted on input, with the vocabulary's
 * description on every finding.
 */
export function caseJsonSchema(): object {
  const schema = z.toJSONSchema(caseSchema, { target: 'draft-2020-12', io: 'input' });

  return {
    ...schema,
    title: 'MedAssist case (neutral IMCI case format)',
    description: 'One patient visit: patient data and findings in the IMCI finding vocabulary.',
  };
}
