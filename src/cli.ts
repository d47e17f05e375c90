import { Command } from "commander";
import { registerIngestCommand } from "./cli/ingest.ts";

/**
 * `referat <command>`: each command lives in src/cli/<command>.ts and registers itself here.
 */
const program = new Command()
  .name("referat")
  .description("Ask Danish council meeting minutes questions; answers cite the agenda item.")
  .showHelpAfterError();

registerIngestCommand(program);

// `referat ingest --json | head` closes the pipe early; that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

await program.parseAsync(process.argv);
