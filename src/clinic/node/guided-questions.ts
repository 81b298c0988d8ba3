/**
 * "What to ask next" for the guided consult: the engine's own list of findings still to assess
 * (`toAssess`), put in the order of the IMCI charts and cut to what applies. Danger signs come
 * first, then each main symptom: its entry question ("Does the child have diarrhoea?") and,
 * only after a yes, the questions of its box (IMCI chart booklet 2014, "Assess and classify":
 * ask about the main symptoms, and assess further only the symptoms the child has). The
 * clinical thresholds stay in the engine; this module only orders and filters questions.
 */
import {
  CHART_BOXES,
  FINDINGS,
  isFindingKey,
  type ChartBox,
  type FindingKey,
  type Findings,
} from '../../clinical/case/index.js';

export interface QuestionSpec {
  key: FindingKey;
  type: 'boolean' | 'number' | 'enum' | 'string';
  box: ChartBox;
  values?: readonly string[];
  unit?: string;
  range?: { min: number; max: number };
}

export interface GuidedStep {
  box: ChartBox;
  questions: QuestionSpec[];
}

/** The entry question of each main-symptom box; the other boxes are assessed in every child. */
const ENTRY_OF_BOX: Partial<Record<ChartBox, FindingKey>> = {
  cough_or_difficult_breathing: 'cough_or_difficult_breathing',
  diarrhoea: 'diarrhoea',
  young_infant_diarrhoea: 'diarrhoea',
  fever: 'fever',
  ear: 'ear_problem',
};
const ENTRY_KEYS = new Set<string>(Object.values(ENTRY_OF_BOX));

function specOf(key: FindingKey): QuestionSpec {
  const spec = FINDINGS[key] as {
    type: QuestionSpec['type'];
    box: ChartBox;
    values?: readonly string[];
    unit?: string;
    range?: { min: number; max: number };
  };
  return {
    key,
    type: spec.type,
    box: spec.box,
    ...(spec.values ? { values: spec.values } : {}),
    ...(spec.unit ? { unit: spec.unit } : {}),
    ...(spec.range ? { range: spec.range } : {}),
  };
}

/** True when a follow-up question of this box applies to the answers so far. */
function boxIsOpen(box: ChartBox, findings: Findings): boolean {
  const entry = ENTRY_OF_BOX[box];
  return entry === undefined || findings[entry] === true;
}

/**
 * The steps still to take, in chart order. `toAssess` is the engine's list for the case so
 * far; `skipped` are questions the health worker answered "not known" (asked no more; a
 * skipped entry question closes its box).
 */
export function guidedSteps(
  toAssess: readonly string[],
  findings: Findings,
  skipped: readonly string[] = [],
): GuidedStep[] {
  const done = new Set<string>([...Object.keys(findings), ...skipped]);
  const open = toAssess.filter((k): k is FindingKey => isFindingKey(k) && !done.has(k));
  const steps: GuidedStep[] = [];
  for (const box of CHART_BOXES) {
    const entry = ENTRY_OF_BOX[box];
    // The entry question of a main symptom is the whole step until it is answered.
    if (entry !== undefined && FINDINGS[entry].box === box && open.includes(entry)) {
      steps.push({ box, questions: [specOf(entry)] });
      continue;
    }
    if (!boxIsOpen(box, findings)) continue;
    const keys = open.filter((k) => FINDINGS[k].box === box && !ENTRY_KEYS.has(k));
    if (keys.length > 0) steps.push({ box, questions: keys.map(specOf) });
  }

  return steps;
}
