/** ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday) as `YYYY-Www`. */

/** The Monday (UTC) of an ISO week. */
export function mondayOfIsoWeek(week: string): Date {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`not an ISO week [${week}]`);
  const year = Number(match[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayWeek1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400_000;
  return new Date(mondayWeek1 + (Number(match[2]) - 1) * 7 * 86400_000);
}

/** The ISO week a date falls in. */
export function isoWeekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * 86400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The `n` weeks before `week`, nearest first. */
export function previousIsoWeeks(week: string, n: number): string[] {
  const monday = mondayOfIsoWeek(week).getTime();
  return Array.from({ length: n }, (_, i) => isoWeekOf(new Date(monday - (i + 1) * 7 * 86400_000)));
}
