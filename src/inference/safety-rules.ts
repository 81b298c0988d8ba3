/**
 * Text rules of the validator: does one string of a model answer contradict the protocol?
 * Each rule returns a reason code or null. They are deliberately broad: a false alarm drops
 * one extra line of model text, while a miss could let a model talk a health worker out of a
 * referral (issue 5, "Safety").
 */
import type { Severity } from '../clinical/engine/types.js';

export type OverruleReason =
  | 'mentions-dose'
  | 'changes-treatment'
  | 'hides-referral'
  | 'negates-danger-sign'
  | 'negates-classification'
  | 'downgrades-severity'
  | 'restates-classification';

/** What the rules need to know about the protocol result. */
export interface RuleContext {
  referral: boolean;
  urgentReferral: boolean;
  /** Lower-case names of the classifications reached. */
  classified: readonly string[];
  /** Lower-case phrases of the findings that fired an urgent classification (danger signs). */
  dangerSigns: readonly string[];
  /** Lower-case names of milder rows of the same tables (a "downgrade" if named). */
  milderRows: readonly string[];
  /** Lower-case drug and action ids of the plan, as words (`amoxicillin`, `refer urgently`). */
  treatments: readonly string[];
  worstSeverity: Severity | null;
}

// Quantities with a unit, or dose words: dosing is the protocol's alone (issue 5, "Safety").
const DOSE = new RegExp(
  String.raw`\d\s*(mg|mcg|µg|g|ml|l|iu|units?|tab(let)?s?|caps?(ule)?s?|drops?|sachets?|%)\b` +
    String.raw`|\b(dose|doses|dosage|dosing|mg\/kg|double|halve|twice the|increase|reduce)\b`,
  'i',
);
const NEGATION =
  String.raw`\b(no|not|non|without|absent|denies|never|negative for|free of|` +
  String.raw`rule[sd]? out|exclude[sd]?|unlikely|nor|isn'?t|aren'?t|doesn'?t|don'?t)\b`;
const NEGATION_AFTER =
  String.raw`(absent|unlikely|ruled out|excluded|not present|not seen|` +
  String.raw`resolved|not needed|unnecessary|not required)`;
const NO_REFERRAL = new RegExp(
  String.raw`${NEGATION}[^.;:]{0,30}\b(refer|referral|referred|hospital|admission|admit)` +
    String.raw`|\b(refer|referral|referring)\b[^.;:]{0,20}${NEGATION_AFTER}` +
    String.raw`|\b(home care|at home|send home|go home|sent home|outpatient|not urgent|` +
    String.raw`non-urgent|no urgency|can wait|delay|postpone|wait and see|watchful waiting)\b`,
  'i',
);
const MILD = new RegExp(
  String.raw`\b(mild|minor|simple|benign|self-limiting|self limiting|trivial|nothing serious|` +
    String.raw`not serious|no treatment|reassur\w*|only a cold|just a cold|viral only)\b`,
  'i',
);
const GENERIC_DANGER = /\b(no|without|absent|not)\b[^.;:]{0,20}\bdanger signs?\b/i;
// A plan's drugs are named by id (`amoxicillin`), but a model talks of classes: "no need for
// antibiotics" withholds the amoxicillin just as surely.
const TREATMENT_WORDS = [
  'antibiotic',
  'antibiotics',
  'antimalarial',
  'antimalarials',
  'medicine',
  'medicines',
  'medication',
  'medications',
  'treatment',
  'drug',
  'drugs',
  'ors',
  'fluids',
];
const WITHHOLD = /\b(stop|stopping|withhold|withholding|skip|hold off|avoid|discontinue|cease)\b/i;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `term` appears negated: "no convulsions", "pneumonia unlikely", "rules out X". */
export function isNegated(text: string, term: string): boolean {
  const t = escape(term);
  const before = new RegExp(`${NEGATION}[^.;:]{0,30}\\b${t}\\b`, 'i');
  const after = new RegExp(`\\b${t}\\b[^.;:]{0,20}${NEGATION_AFTER}`, 'i');

  return before.test(text) || after.test(text);
}

const mentions = (text: string, term: string) =>
  new RegExp(`\\b${escape(term)}\\b`, 'i').test(text);

/** "No need for antibiotics", "stop the amoxicillin": the plan is the protocol's alone. */
function withholdsTreatment(text: string, ctx: RuleContext): boolean {
  if (TREATMENT_WORDS.some((w) => isNegated(text, w))) return true;
  // Plan ids are phrases ("amoxicillin pneumonia"): any long word of them names the drug.
  const planWords = ctx.treatments.flatMap((t) => t.split(' ')).filter((w) => w.length > 4);
  const named = [...TREATMENT_WORDS, ...planWords].some((w) => mentions(text, w));
  return named && WITHHOLD.test(text);
}

/** The first rule the text breaks, most serious first; null when it only adds. */
export function checkText(text: string, ctx: RuleContext): OverruleReason | null {
  if (DOSE.test(text)) return 'mentions-dose';
  if (ctx.referral && NO_REFERRAL.test(text)) return 'hides-referral';
  if (ctx.dangerSigns.length > 0 && GENERIC_DANGER.test(text)) return 'negates-danger-sign';
  if (ctx.dangerSigns.some((sign) => isNegated(text, sign))) return 'negates-danger-sign';
  if (ctx.classified.some((name) => isNegated(text, name))) return 'negates-classification';
  if (ctx.treatments.some((t) => isNegated(text, t))) return 'changes-treatment';
  if (ctx.treatments.length > 0 && withholdsTreatment(text, ctx)) return 'changes-treatment';
  const serious = ctx.worstSeverity !== null && ctx.worstSeverity !== 'home-care';
  if (serious && MILD.test(text)) return 'downgrades-severity';
  if (ctx.milderRows.some((name) => mentions(text, name))) return 'downgrades-severity';

  return null;
}
