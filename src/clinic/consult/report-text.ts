/**
 * The consult report a health worker reads: most urgent first (referral, pre-referral
 * treatment, doses, follow-up day, counselling, what to ask next).
 */
import { FINDINGS, isFindingKey } from '../../clinical/case/index.js';
import type { ConsultResult, ConsultTreatment } from './consult-result.js';

const COLOUR_LABEL = { pink: 'PINK  ', yellow: 'YELLOW', green: 'GREEN ' } as const;

function question(key: string): string {
  if (key === 'age_months') return 'How old is the child (months)?';
  return isFindingKey(key) ? `${FINDINGS[key].question} [${key}]` : key;
}

function age(r: ConsultResult): string {
  const { ageMonths, ageDays } = r.patient;
  if (ageMonths === null && ageDays === null) return 'age not given';
  if (ageMonths !== null && ageMonths >= 2) return `${ageMonths} months`;
  return `${ageDays ?? '?'} days`;
}

function header(r: ConsultResult): string[] {
  const who = [
    age(r),
    r.patient.sex,
    r.patient.weightKg === null ? null : `${r.patient.weightKg} kg`,
  ];
  return [
    `MedAssist consult: ${r.edition.name}${r.protocol ? `, ${r.protocol.title}` : ''}`,
    `Patient: ${who.filter((x) => x !== null).join(', ')}; visit ${r.visitDate}`,
    '',
  ];
}

function classifications(r: ConsultResult): string[] {
  if (r.classifications.length === 0) return ['No classification reached yet.', ''];
  const out = ['CLASSIFICATIONS (most severe first)'];
  for (const c of r.classifications) {
    const flag = c.status === 'provisional' ? ' (provisional)' : '';
    out.push(`  [${COLOUR_LABEL[c.colour]}] ${c.name}${flag}`);
    const fired = c.firedBy.map((f) => `${f.key}=${String(f.value)}`).join(', ');
    if (fired) out.push(`           because: ${fired}`);
    if (c.possible.length > 0) out.push(`           could still be: ${c.possible.join('; ')}`);
    out.push(
      `           source: ${c.citation.document} ${c.citation.edition}, ${c.citation.section}`,
    );
    for (const p of c.passages.slice(0, 2)) out.push(`           guideline: ${p.title} [${p.id}]`);
  }
  out.push('');
  return out;
}

function treatmentLines(title: string, items: readonly ConsultTreatment[]): string[] {
  if (items.length === 0) return [];
  const out = [title];
  for (const t of items) {
    out.push(`  - ${t.text}`);
    if (t.dose?.kind === 'ok') for (const w of t.dose.warnings) out.push(`      caution: ${w}`);
    for (const note of t.notes) out.push(`      note: ${note}`);
    out.push(`      for: ${t.for.join(', ')}`);
  }
  out.push('');
  return out;
}

function treatments(r: ConsultResult): string[] {
  const shown = r.treatments.filter((t) => t.coveredBy === null);
  const ready = shown.filter((t) => !t.pending);
  const by = (phase: string, deferred: boolean) =>
    ready.filter((t) => t.phase === phase && t.deferred === deferred);
  return [
    ...treatmentLines(
      'PRE-REFERRAL TREATMENT (give now, before the child leaves)',
      by('pre-referral', false),
    ),
    ...treatmentLines('TREAT IN THE CLINIC', by('clinic', false)),
    ...treatmentLines('TREAT AT HOME', by('home', false)),
    ...treatmentLines(
      'DEFERRED (the child is referred: give these only if the referral cannot happen)',
      by('home', true),
    ),
    ...treatmentLines(
      'WAIT: PROVISIONAL (finish the assessment first; these may change)',
      shown.filter((t) => t.pending),
    ),
  ];
}

function followUp(r: ConsultResult): string[] {
  if (r.urgentReferral) return [];
  if (!r.followUp)
    return ['FOLLOW-UP: none scheduled; return immediately if the child becomes sicker', ''];
  return [`FOLLOW-UP: in ${r.followUp.days} days, on ${r.followUp.date}`, ''];
}

function safety(r: ConsultResult): string[] {
  const out: string[] = [];
  if (r.safety.alerts.length > 0) {
    out.push('SAFETY ALERTS');
    for (const a of r.safety.alerts)
      out.push(`  ! ${a.severity}: ${a.drugs.join(' + ')}: ${a.effect}. ${a.action}`);
  }
  if (r.safety.unknownMedicines.length > 0) {
    out.push(
      `  ? medicines not recognised, check by hand: ${r.safety.unknownMedicines.join(', ')}`,
    );
  }
  return out.length > 0 ? [...out, ''] : [];
}

function askNext(r: ConsultResult): string[] {
  const out: string[] = [];
  for (const i of r.invalidFindings)
    out.push(`  ! ${i.message}: check again [${i.facts.join(', ')}]`);
  if (r.unanswered.length > 0) {
    out.push('  Could change the result:');
    for (const key of r.unanswered.slice(0, 12)) out.push(`    - ${question(key)}`);
  }
  const rest = r.toAssess.filter((k) => !r.unanswered.includes(k));
  if (rest.length > 0) out.push(`  Still to assess: ${rest.join(', ')}`);
  return out.length > 0 ? ['ASK NEXT', ...out, ''] : [];
}

/** Renders the report as plain text (no colour codes, so it can be printed or piped). */
export function renderReport(r: ConsultResult): string {
  const lines = [...header(r)];
  if (r.outcome === 'out-of-scope') {
    lines.push('OUT OF SCOPE for IMCI:', ...r.notes.map((n) => `  ${n}`), '');
    return lines.join('\n');
  }
  if (r.urgentReferral)
    lines.push('>>> URGENT REFERRAL: give the pre-referral treatment, then refer <<<', '');
  else if (r.referral) lines.push('Referral for assessment (not urgent) is advised.', '');
  lines.push(...classifications(r), ...treatments(r), ...followUp(r));
  if (r.counselling.length > 0)
    lines.push('COUNSEL THE MOTHER', ...r.counselling.map((c) => `  - ${c.text}`), '');
  lines.push(...safety(r), ...askNext(r));
  for (const rem of r.reminders) lines.push(`REMINDER: ${rem.message}: ${rem.due.join(', ')}`);
  for (const note of r.notes) lines.push(`NOTE: ${note}`);
  if (r.saved)
    lines.push(
      '',
      `Saved as encounter ${r.saved.encounterId}${r.saved.created ? '' : ' (already saved)'}`,
    );
  return lines.join('\n') + '\n';
}
