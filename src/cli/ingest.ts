import { join } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config/index.ts";
import { ingestDirectory, toPublicMeeting } from "../minutes/index.ts";

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("read the minutes files in a folder and store the parsed corpus")
    .argument("[dir]", "folder of .txt/.md minutes (default: MINUTES_DIR or data/minutes)")
    .option("--json", "print the parsed meetings as one JSON array")
    .action(async (directory: string | undefined, options: { json?: boolean }) => {
      const config = loadConfig(process.env);
      const result = await ingestDirectory(directory ?? config.minutesDir, {
        corpusFile: join(config.dataDir, "corpus.json"),
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result.meetings.map(toPublicMeeting), null, 2)}\n`);
      } else {
        for (const meeting of result.meetings) {
          const sections = meeting.items.reduce((sum, item) => sum + item.sections.length, 0);
          console.log(
            `${meeting.date}  ${meeting.body}  ${meeting.items.length} items, ${sections} sections  (${meeting.sourceFile})`,
          );
        }
        console.log(
          `${result.meetings.length} meetings: ${result.parsed} parsed, ${result.reused} unchanged${result.written ? "" : ", corpus unchanged"}`,
        );
      }
      for (const failure of result.failures) {
        console.error(`error: ${failure.file}: ${failure.message} [${failure.code}]`);
      }
      if (result.failures.length > 0) process.exitCode = 1;
    });
}
