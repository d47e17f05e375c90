import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { parseMinutes, TEXT_EXTENSIONS } from "../../src/minutes/index.ts";

/**
 * A larger corpus for scaling figures: `copies` copies of every minutes file in `sourceDir`, each
 * copy a different meeting. Copy 1 is the file as it is; copy k > 1 renames the body
 * ("Udsatterådet" → "Udsatterådet 3") and moves the meeting year k - 1 years on, wherever they
 * appear in the text, so meeting ids, dates and citations differ while the text stays realistic.
 */

export interface SyntheticCorpus {
  files: number;
  /** Copies of each source file. */
  copies: number;
}

export async function writeSyntheticCorpus(
  sourceDir: string,
  targetDir: string,
  copies: number,
): Promise<SyntheticCorpus> {
  const names = (await readdir(sourceDir))
    .filter((name) => (TEXT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()))
    .sort();
  await mkdir(targetDir, { recursive: true });
  let files = 0;
  for (const name of names) {
    const text = await readFile(join(sourceDir, name), "utf8");
    const { body, date } = parseMinutes(text, name);
    if (date === null)
      throw new Error(`${name}: a sample without a date cannot be shifted in time`);
    const year = Number(date.slice(0, 4));
    for (let copy = 1; copy <= copies; copy += 1) {
      const copied = copy === 1 ? text : renameMeeting(text, body, year, copy);
      await writeFile(join(targetDir, copyFileName(name, copy)), copied, "utf8");
      files += 1;
    }
  }
  return { files, copies };
}

function renameMeeting(text: string, body: string, year: number, copy: number): string {
  const shiftedYear = String(year + copy - 1);
  return text
    .replaceAll(body, `${body} ${copy}`)
    .replace(new RegExp(`(?<![0-9])${year}(?![0-9])`, "gu"), shiftedYear)
    .replace(
      new RegExp(`(?<![0-9])(\\d{1,2}\\.\\d{1,2}\\.)${String(year).slice(2)}(?![0-9])`, "gu"),
      `$1${shiftedYear.slice(2)}`,
    );
}

function copyFileName(name: string, copy: number): string {
  const extension = extname(name);
  return `${name.slice(0, -extension.length)}_copy-${String(copy).padStart(3, "0")}${extension}`;
}
