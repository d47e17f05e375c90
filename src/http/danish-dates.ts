/** "2019-09-18" → "18.09.2019", the way Danish minutes and citation labels write dates. */
export function formatShortDanishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}

const longDate = new Intl.DateTimeFormat("da-DK", { dateStyle: "full", timeZone: "UTC" });

/** "2019-09-18" → "onsdag den 18. september 2019". */
export function formatLongDanishDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}
