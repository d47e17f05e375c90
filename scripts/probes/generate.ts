/**
 * Writes every layout probe: the document under test/fixtures/layout-probes/, its expected parse
 * under test/fixtures/layout-probes/expected/, and the README's table of probes.
 * `npx tsx scripts/probes/generate.ts [file-name-filter]`.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expectedParse, type Probe } from "./lib/probe.ts";
import { PROBES } from "./probes.ts";

const root = join(import.meta.dirname, "../..");
const folder = join(root, "test/fixtures/layout-probes");
const filter = process.argv[2];

await mkdir(join(folder, "expected"), { recursive: true });
for (const probe of PROBES) {
  if (filter && !probe.file.includes(filter)) continue;
  const content = await probe.render();
  await writeFile(join(folder, probe.file), content);
  await writeFile(
    join(folder, "expected", `${probe.file}.expected.json`),
    `${JSON.stringify(expectedParse(probe), null, 2)}\n`,
  );
  console.log(`wrote ${probe.file} (${probe.items.length} items)`);
}
await writeReadmeTable(PROBES);

/** The README's probe table sits between two markers; the prose around it is kept. */
async function writeReadmeTable(probes: readonly Probe[]): Promise<void> {
  const path = join(folder, "README.md");
  const start = "<!-- probes:start -->";
  const end = "<!-- probes:end -->";
  const current = await readFile(path, "utf8").catch(() => `# Layout probes\n\n${start}\n${end}\n`);
  const escapeBars = (text: string) => text.replaceAll("|", "\\|");
  const rows = probes.map(
    (probe) =>
      `| \`${probe.file}\` | ${escapeBars(probe.imitates)} | ${escapeBars(probe.tricky)} | ${probe.items.length} |`,
  );
  const table = [
    start,
    "| file | imitates | what is tricky | items |",
    "| --- | --- | --- | --- |",
    ...rows,
    end,
  ].join("\n");
  const before = current.slice(0, current.indexOf(start));
  const after = current.slice(current.indexOf(end) + end.length);
  await writeFile(path, `${before}${table}${after}`);
}
