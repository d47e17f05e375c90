import { join } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config/index.ts";
import { ingestDirectory, toPublicMeeting } from "../minutes/index.ts";
import { formatIngestReport } from "./ingest-report.ts";

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("read the minutes files in a folder and store the parsed corpus")
    .argument(
      "[dir]",
      "folder of minutes: PDF, HTML, DOCX, XML, JSON, .txt, .md (default: MINUTES_DIR or data/minutes)",
    )
    .option("--json", "print the parsed meetings as one JSON array")
    .action(async (directory: string | undefined, options: { json?: boolean }) => {
      const config = loadConfig(process.env);
      const result = await ingestDirectory(directory ?? config.minutesDir, {
        corpusFile: join(config.dataDir, "corpus.json"),
      });
      const report = formatIngestReport(result);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result.meetings.map(toPublicMeeting), null, 2)}\n`);
      } else {
        for (const line of report.stdout) console.log(line);
      }
      for (const line of report.stderr) console.error(line);
      if (result.failures.length > 0) process.exitCode = 1;
    });
}
