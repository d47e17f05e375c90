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

await program.parseAsync(process.argv);
