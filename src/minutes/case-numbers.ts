/**
 * Case numbers (sagsnumre) as municipalities write them: KLE-style "27.15.00-A08-1-19",
 * region journal numbers "1-13-3-131-21", "EMN-2025-003383", "20/33839", "2007/34364",
 * "330-2018-3619", "19-033355K", optionally after a label ("Sagsnr.: 20/33839"). After a label
 * any identifier with a digit is taken ("J.nr. 01118.0007/05", "Sag nr. 129").
 */
const CASE_NUMBER_FORMS = [
  /\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2}/u,
  /\d+(?:-\d+){3,}/u,
  /[A-ZÆØÅ]{2,5}-\d{4}-\d{3,}/u,
  /\d{2}\/\d{3,}/u,
  /\d{4}\/\d{3,}/u,
  /\d{4}-\d{5,}/u,
  /\d{3}-\d{4}-\d{3,}/u,
  /\d{2}-\d{5,6}[A-ZÆØÅ]?/u,
];
/** What a label may be followed by: one identifier holding a digit. */
const LABELLED_VALUE = /[\p{L}\d][\p{L}\d./-]{0,38}/u;

/** The labels of a case number ("Sagsnr.", "Sag nr.", "Sagsid.", "J.nr.", "Journalnummer"). */
const CASE_LABEL = String.raw`(?:sags?\s*(?:nr|nummer)\.?|sagsnr\.?|sagsnummer|sags-?id\.?|j\.?\s*nr\.?|journal(?:nummer|nr)\.?)`;
/** Any label a case number stands after, including the document and subject fields that carry one. */
const LABEL = new RegExp(String.raw`^(?:${CASE_LABEL}|dokumentnr\.?|emne)\s*:?\s*`, "iu");
const LONE_LABEL = new RegExp(String.raw`^${CASE_LABEL}\s*:?$`, "iu");
const STARTS_WITH_LABEL = new RegExp(String.raw`^${CASE_LABEL}`, "iu");

/** After a label, other fields may share the line: "Sagsnr.: 20/33839    Sagsbehandler: …". */
const FIELD_SEPARATOR = String.raw`(?:\s{2,}|\t|\s*[,;|]\s*)\S.*`;

const UNLABELLED_FORMS = CASE_NUMBER_FORMS.map((form) => new RegExp(`^(${form.source})\\.?$`, "u"));
// After a label, a number in one of the known forms may be followed by other fields after a
// single space ("Sagsnr.: 23/04567 Åbent punkt"); a free-form value needs a clearer break.
const LABELLED_FORMS = CASE_NUMBER_FORMS.map(
  (form) => new RegExp(String.raw`^(${form.source})\.?(?:\s+\S.*)?$`, "u"),
);
/** A value of digits only ("Sagsnr. 249050 Sundheds- og Omsorgsudvalget Åbent punkt") ends at the next space. */
const LABELLED_DIGITS = /^(\d{3,}(?:[./-]\d+)*)(?:\s+\S.*)?$/u;
const LABELLED_FREE_FORM = new RegExp(`^(${LABELLED_VALUE.source})(?:${FIELD_SEPARATOR})?$`, "u");

/** A case-number label alone on its line, its value on the next ("JOURNALNUMMER" / "24000101"). */
export function isCaseNumberLabel(text: string): boolean {
  return LONE_LABEL.test(text.trim());
}

/** A line that opens with a case-number label ("Sagsid.: 18/3241", "• Sagsid.:" without the bullet). */
export function startsWithCaseNumberLabel(text: string): boolean {
  return STARTS_WITH_LABEL.test(text.trim());
}

/** The case number when the line is one (possibly labelled), else undefined. */
export function readCaseNumber(text: string): string | undefined {
  const trimmed = text.trim();
  const withoutLabel = trimmed.replace(LABEL, "");
  const labelled = withoutLabel !== trimmed;
  for (const form of labelled ? LABELLED_FORMS : UNLABELLED_FORMS) {
    const match = withoutLabel.match(form);
    if (match) return match[1];
  }
  if (!labelled) return undefined;
  const digits = withoutLabel.match(LABELLED_DIGITS)?.[1];
  if (digits) return digits;
  const value = withoutLabel.match(LABELLED_FREE_FORM)?.[1];
  return value !== undefined && /\d/u.test(value) ? value.replace(/[.,;:]$/u, "") : undefined;
}

/** "Budget 2026 (2024-0012345)" or "Budget 2026 (Sagsnr. 20/33839)": a case number given in the title. */
export function splitTitleCaseNumber(title: string): { title: string; caseNumber: string | null } {
  const match = title.match(/^(.*\S)\s*\(([^()]+)\)$/u);
  const caseNumber = match ? readCaseNumber(match[2] ?? "") : undefined;
  return caseNumber && match
    ? { title: match[1] ?? title, caseNumber }
    : { title, caseNumber: null };
}
