import { addCounts, type Counts, emptyCounts, type FileScore, type Tally } from "./score.ts";

export interface GroupFigures {
  name: string;
  counts: Counts;
  /** matched / expected items. */
  recall: number | null;
  /** matched / parsed items. */
  precision: number | null;
  /** number matched / expected items, whatever the title. */
  numberRecall: number | null;
  numberPrecision: number | null;
}

export interface EvaluationReport {
  generatedAt: string;
  commit: string;
  split: string;
  expectedDirs: string[];
  groups: GroupFigures[];
  files: FileScore[];
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 1000;
}

function figures(name: string, files: FileScore[]): GroupFigures {
  const counts = emptyCounts();
  for (const file of files) addCounts(counts, file.counts);
  return {
    name,
    counts,
    recall: ratio(counts.matched, counts.expectedItems),
    precision: ratio(counts.matched, counts.parsedItems),
    numberRecall: ratio(counts.numberMatched, counts.expectedItems),
    numberPrecision: ratio(counts.numberMatched, counts.parsedItems),
  };
}

/** All files, each split, and each format within each split. */
export function groupFigures(files: FileScore[]): GroupFigures[] {
  const groups = [figures("all", files)];
  const splits = [...new Set(files.map((file) => file.split))].sort();
  for (const split of splits) {
    const inSplit = files.filter((file) => file.split === split);
    groups.push(figures(split, inSplit));
    const formats = [...new Set(inSplit.map((file) => file.format))].sort();
    for (const format of formats) {
      groups.push(
        figures(
          `${split} / ${format}`,
          inSplit.filter((file) => file.format === format),
        ),
      );
    }
  }
  return groups;
}

function fraction(value: number | null, numerator: number, denominator: number): string {
  return value === null ? "–" : `${value.toFixed(2)} (${numerator}/${denominator})`;
}

function tally(value: Tally): string {
  return fraction(ratio(value.correct, value.scored), value.correct, value.scored);
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map((cell) => String(cell).replaceAll("|", "\\|")).join(" | ")} |`;
}

function groupTable(groups: GroupFigures[]): string[] {
  const header = [
    "group",
    "files",
    "meeting found",
    "items exp/parsed",
    "recall",
    "precision",
    "recall by number",
    "title exact",
    "title ≥0.9",
    "date",
    "body",
    "type",
    "case no.",
    "closed",
    "decision",
    "decision found",
    "no false decision",
    "item count",
    "companions",
    "ingest errors",
  ];
  const lines = [row(header), row(header.map(() => "---"))];
  for (const group of groups) {
    const c = group.counts;
    lines.push(
      row([
        group.name,
        c.files,
        tally(c.meetingsFound),
        `${c.expectedItems}/${c.parsedItems}`,
        fraction(group.recall, c.matched, c.expectedItems),
        fraction(group.precision, c.matched, c.parsedItems),
        fraction(group.numberRecall, c.numberMatched, c.expectedItems),
        tally(c.titleExact),
        tally(c.titleSimilar),
        tally(c.date),
        tally(c.body),
        tally(c.documentType),
        tally(c.caseNumber),
        tally(c.closed),
        tally(c.decision),
        tally(c.decisionFound),
        tally(c.decisionAbsent),
        tally(c.itemCount),
        tally(c.companions),
        c.ingestErrors,
      ]),
    );
  }
  return lines;
}

function mark(value: Tally, shown: string | number | null): string {
  if (value.scored === 0) return "–";
  return value.correct === value.scored ? "✓" : `✗ (${shown ?? "none"})`;
}

function fileTable(files: FileScore[]): string[] {
  const header = [
    "file",
    "split",
    "format",
    "meetings",
    "items exp/parsed",
    "matched",
    "number only",
    "recall",
    "precision",
    "date",
    "body",
    "type",
    "item count",
    "case no.",
    "closed",
    "decision",
  ];
  const lines = [row(header), row(header.map(() => "---"))];
  for (const file of files) {
    const c = file.counts;
    if (file.kind === "companion") {
      lines.push(
        row([
          file.file,
          file.split,
          file.format,
          file.meetings,
          `companion: ${c.companions.correct === 1 ? "✓ no meeting" : "✗"}`,
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
        ]),
      );
      continue;
    }
    lines.push(
      row([
        file.file,
        file.split,
        file.format,
        file.meetings,
        `${c.expectedItems}/${c.parsedItems}`,
        c.matchedUntitled > 0 ? `${c.matched} (${c.matchedUntitled} untitled)` : c.matched,
        c.numberOnly,
        fraction(ratio(c.matched, c.expectedItems), c.matched, c.expectedItems),
        fraction(ratio(c.matched, c.parsedItems), c.matched, c.parsedItems),
        mark(c.date, file.parsed.date),
        mark(c.body, file.parsed.body),
        mark(c.documentType, file.parsed.documentType),
        mark(c.itemCount, file.parsed.itemCount),
        tally(c.caseNumber),
        tally(c.closed),
        tally(c.decision),
      ]),
    );
  }
  return lines;
}

export function formatMarkdown(report: EvaluationReport): string {
  const lines = [
    `# Parse evaluation (${report.split})`,
    "",
    `Generated ${report.generatedAt} at commit ${report.commit}; expected parses from ${report.expectedDirs.join(", ")}.`,
    "",
    "Recall and precision count an item as found when its number and its title (normalised for case, spacing and punctuation) agree, or its number alone when the document shows no title. 'Recall by number' ignores titles. Title figures are over items found by number; case number, closed and decision over items found. 'decision found': items with an expected decision whose beslutning text starts with the expected words; 'no false decision': items with none expected and no beslutning section. Fields the document does not show (null) in a cut-off item are not scored.",
    "",
    "## By split and format",
    "",
    ...groupTable(report.groups),
    "",
    "## By file",
    "",
    ...fileTable(report.files),
  ];
  const errors = report.files.filter((file) => file.error);
  if (errors.length > 0) {
    lines.push("", "## Ingest errors", "");
    for (const file of errors) lines.push(`- ${file.file}: ${file.error}`);
  }
  const warned = report.files.filter((file) => file.warnings.length > 0);
  if (warned.length > 0) {
    lines.push("", "## Ingest warnings", "");
    for (const file of warned) lines.push(`- ${file.file}: ${file.warnings.join("; ")}`);
  }
  return `${lines.join("\n")}\n`;
}
