import { Command } from "commander";
import { registerAskCommand } from "./cli/ask.ts";
import { registerDoctorCommand } from "./cli/doctor.ts";
import { registerIngestCommand } from "./cli/ingest.ts";
import { registerSearchCommand } from "./cli/search.ts";
import { registerServeCommand } from "./cli/serve.ts";
import { registerSummaryCommand } from "./cli/summary.ts";
import { registerSyncCommand } from "./cli/sync.ts";

/**
 * `referat <command>`: each command lives in src/cli/<command>.ts and registers itself here.
 */
const program = new Command()
  .name("referat")
  .description("Ask Danish council meeting minutes questions; answers cite the agenda item.")
  .showHelpAfterError();

registerIngestCommand(program);
registerDoctorCommand(program);
registerSearchCommand(program);
registerAskCommand(program);
registerSummaryCommand(program);
registerSyncCommand(program);
registerServeCommand(program);

// `referat ingest --json | head` closes the pipe early; that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

await program.parseAsync(process.argv);
