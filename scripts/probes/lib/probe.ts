/**
 * A layout probe: one invented meeting document in a layout or format the real material does
 * not cover, with its expected parse written from the same description the document is drawn
 * from (never from the parser's output). `scripts/probes/generate.ts` writes every probe's file,
 * its `expected/<file>.expected.json` and the README table.
 */

export interface ProbeItem {
  number: number;
  /** As the document gives it, without the number or a "Lukket:" prefix; null when none is visible. */
  title: string | null;
  caseNumber?: string | string[] | null;
  closed?: boolean;
  /** The first words of THIS meeting's decision; null (the default) when the document has none. */
  decision?: string | null;
  /** Named only in a list of items; its text is not in the document. */
  listedOnly?: true;
}

export interface ProbeMeeting {
  date: string | null;
  body: string[];
  documentType: "referat" | "dagsorden" | null;
  itemCount: number | null;
}

export interface Probe {
  /** File name under test/fixtures/layout-probes/. */
  file: string;
  /** The real system or publishing habit the layout imitates. */
  imitates: string;
  /** What is tricky about it, for the README. */
  tricky: string;
  meeting: ProbeMeeting;
  items: ProbeItem[];
  /** Why the expectations are what they are (goes into the expected parse). */
  notes: string;
  render(): Promise<Uint8Array | string>;
}

export function expectedParse(probe: Probe): object {
  return {
    source: `test/fixtures/layout-probes/${probe.file}`,
    split: "holdout",
    complete: true,
    meeting: probe.meeting,
    items: probe.items.map((item) => {
      const expected: Record<string, unknown> = {
        number: item.number,
        title: item.title,
        caseNumber: item.caseNumber ?? null,
        closed: item.closed ?? false,
        decision: item.decision ?? null,
      };
      if (item.listedOnly) expected.listedOnly = true;
      return expected;
    }),
    notes: `${probe.imitates}. ${probe.notes}`,
  };
}
