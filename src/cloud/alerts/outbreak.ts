/**
 * Outbreak detection over the ingested encounters, a deliberately simple and explainable rule
 * (ours, not a WHO threshold; epidemic thresholds are set by each country's surveillance
 * programme, so every number here is configuration):
 *
 *   for a region, an ISO week and a watched classification, raise an alert when the week has
 *   at least `minCases` cases AND more than `factor` times the mean of the previous
 *   `baselineWeeks` weeks (a moving baseline, so a region that always has many cases of a
 *   classification is not alarmed every week).
 *
 * The alert's rule key is region + classification + week, so it is raised once, whichever
 * instance sees the threshold crossed first.
 */
import type { Sql } from '../db/sql.js';
import { insertAlert } from './alert-store.js';
import { previousIsoWeeks } from './iso-week.js';

export interface OutbreakRule {
  /** Classification id -> the name used in the alert. */
  watched: Readonly<Record<string, string>>;
  minCases: number;
  factor: number;
  baselineWeeks: number;
}

// IMCI 2014 classification ids of src/clinical/protocols/imci-2014 (diarrhoea.ts, fever.ts).
export const DEFAULT_OUTBREAK_RULE: OutbreakRule = {
  watched: {
    'diarrhoea.dysentery': 'DYSENTERY',
    'fever.very-severe-febrile-disease': 'VERY SEVERE FEBRILE DISEASE',
  },
  minCases: 5,
  factor: 2,
  baselineWeeks: 4,
};

export interface OutbreakFinding {
  region: string;
  week: string;
  code: string;
  cases: number;
  baselineMean: number;
}

/** True when `cases` this week cross the rule over the `baseline` counts. */
export function isOutbreak(
  cases: number,
  baseline: readonly number[],
  rule: OutbreakRule,
): boolean {
  const mean = baseline.reduce((a, b) => a + b, 0) / Math.max(1, baseline.length);
  return cases >= rule.minCases && cases > rule.factor * mean;
}

async function weeklyCounts(sql: Sql, region: string, weeks: string[], codes: string[]) {
  const result = await sql.query<{ week: string; code: string; n: string }>(
    `SELECT week, code, count(*) AS n FROM encounters, unnest(classifications) AS code
     WHERE region = $1 AND week = ANY($2::text[]) AND code = ANY($3::text[])
     GROUP BY week, code`,
    [region, weeks, codes],
  );
  return new Map(result.rows.map((r) => [`${r.week}|${r.code}`, Number(r.n)]));
}

/** Evaluates the rule for `weeks` of `region` and issues the alerts it finds. */
export async function detectOutbreaks(
  sql: Sql,
  region: string,
  weeks: readonly string[],
  rule: OutbreakRule = DEFAULT_OUTBREAK_RULE,
): Promise<OutbreakFinding[]> {
  const codes = Object.keys(rule.watched);
  const all = [...new Set(weeks.flatMap((w) => [w, ...previousIsoWeeks(w, rule.baselineWeeks)]))];
  const counts = await weeklyCounts(sql, region, all, codes);

  const findings: OutbreakFinding[] = [];
  for (const week of new Set(weeks)) {
    for (const code of codes) {
      const cases = counts.get(`${week}|${code}`) ?? 0;
      const baseline = previousIsoWeeks(week, rule.baselineWeeks).map(
        (w) => counts.get(`${w}|${code}`) ?? 0,
      );
      if (!isOutbreak(cases, baseline, rule)) continue;
      const baselineMean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
      findings.push({ region, week, code, cases, baselineMean });
      await insertAlert(sql, {
        region,
        severity: 'warning',
        title: `Possible outbreak: ${rule.watched[code] ?? code}, ${region}, ${week}`,
        body:
          `${cases} cases of ${rule.watched[code] ?? code} in ${week}, against a mean of ` +
          `${baselineMean.toFixed(1)} a week over the previous ${rule.baselineWeeks} weeks. ` +
          'Check stocks and reporting; follow the district surveillance procedure.',
        ruleKey: `outbreak:${region}:${code}:${week}`,
      });
    }
  }
  return findings;
}

/**
 * Collects the (region, week) pairs that received encounters and evaluates them every
 * `intervalMs`, off the push path.
 */
export function createOutbreakWatcher(
  sqlForRegion: (region: string) => Sql,
  onError: (error: unknown) => void,
  intervalMs = 2000,
  rule: OutbreakRule = DEFAULT_OUTBREAK_RULE,
) {
  let pending = new Map<string, Set<string>>();
  const flush = async (): Promise<void> => {
    const work = pending;
    pending = new Map();
    for (const [region, weeks] of work)
      await detectOutbreaks(sqlForRegion(region), region, [...weeks], rule);
  };
  const timer = setInterval(() => void flush().catch(onError), intervalMs);
  timer.unref();
  return {
    note(region: string, weeks: readonly string[]) {
      if (weeks.length === 0) return;
      const set = pending.get(region) ?? new Set<string>();
      for (const w of weeks) set.add(w);
      pending.set(region, set);
    },
    flush,
    stop: () => clearInterval(timer),
  };
}
