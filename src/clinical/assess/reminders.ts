/**
 * Reminders checked at every visit: immunization, vitamin A, deworming (imci-facts A.9). They
 * are not classifications; they tell the health worker what the child is due for today.
 */

export interface Reminder {
  kind: 'immunization' | 'vitamin-a' | 'deworming';
  message: string;
  due: readonly string[];
  citation: string;
}

// Generic schedule by age in days (CB14 K; HB05 p.53 V for the 2005 antigens; imci-facts A.9).
// Countries adapt it; a national adaptation replaces this table.
const SCHEDULE_2014: readonly { fromDays: number; antigens: readonly string[] }[] = [
  { fromDays: 0, antigens: ['BCG', 'OPV0', 'HepB0'] },
  { fromDays: 42, antigens: ['Penta1', 'OPV1', 'PCV1', 'Rota1'] },
  { fromDays: 70, antigens: ['Penta2', 'OPV2', 'PCV2', 'Rota2'] },
  { fromDays: 98, antigens: ['Penta3', 'OPV3', 'PCV3'] },
  { fromDays: 274, antigens: ['Measles1'] },
];

const SCHEDULE_2005: readonly { fromDays: number; antigens: readonly string[] }[] = [
  { fromDays: 0, antigens: ['BCG', 'OPV0'] },
  { fromDays: 42, antigens: ['DPT1', 'OPV1'] },
  { fromDays: 70, antigens: ['DPT2', 'OPV2'] },
  { fromDays: 98, antigens: ['DPT3', 'OPV3'] },
  { fromDays: 274, antigens: ['Measles'] },
];

function normalise(antigen: string): string {
  return antigen
    .replace(/[\s_-]/g, '')
    .toUpperCase()
    .replace(/^DTP/, 'DPT');
}

/** Antigens due by age that are not in the recorded list (comma-separated, as in the source). */
export function dueImmunizations(ageDays: number, received: string, edition: string): string[] {
  const schedule = edition === 'imci-2005' ? SCHEDULE_2005 : SCHEDULE_2014;
  const given = new Set(
    received
      .split(/[,;]/)
      .map(normalise)
      .filter((a) => a !== ''),
  );
  return schedule
    .filter((step) => ageDays >= step.fromDays)
    .flatMap((step) => step.antigens)
    .filter((antigen) => !given.has(normalise(antigen)));
}

/** Reminders for one child; nothing is claimed when the age is unknown. */
export function remindersFor(input: {
  ageDays: number | null;
  ageMonths: number | null;
  immunizationsReceived?: string;
  edition: string;
  dewormFromMonths: number;
}): Reminder[] {
  const out: Reminder[] = [];
  const { ageDays, ageMonths } = input;
  if (ageDays !== null && input.immunizationsReceived !== undefined) {
    const due = dueImmunizations(ageDays, input.immunizationsReceived, input.edition);
    if (due.length > 0) {
      out.push({
        kind: 'immunization',
        message: 'immunize today unless the child is being referred',
        due,
        citation: 'IMCI: check immunization status at every visit (imci-facts A.9)',
      });
    }
  }
  // Vitamin A from 6 months, every 4-6 months; mebendazole every 6 months from the edition's
  // age (1 year CB14, 2 years HB05; imci-facts A.9, G12).
  if (ageMonths !== null && ageMonths >= 6) {
    out.push({
      kind: 'vitamin-a',
      message: 'give vitamin A if none was given in the last 6 months',
      due: [ageMonths < 12 ? '100 000 IU' : '200 000 IU'],
      citation: 'WHO vitamin A supplementation (imci-facts A.9, C.7)',
    });
  }
  if (ageMonths !== null && ageMonths >= input.dewormFromMonths) {
    out.push({
      kind: 'deworming',
      message: 'give mebendazole if none was given in the last 6 months',
      due: ['mebendazole 500 mg once'],
      citation: 'IMCI deworming (imci-facts A.9, C.13)',
    });
  }
  return out;
}
