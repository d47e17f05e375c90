import { existsSync } from "node:fs";
import type { Command } from "commander";
import { createApplication } from "../app.ts";
import { type Config, loadConfig } from "../config/index.ts";
import { describeError } from "../shared/errors.ts";
import { createLogger } from "../shared/logger.ts";

/**
 * `npm start` and `referat serve`: .env (if present) → loadConfig → createApplication → start;
 * SIGTERM/SIGINT → stop. The server watches the minutes folder unless MINUTES_WATCH=false.
 */
export async function runServer(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }

  const logger = createLogger({ level: config.logLevel });
  const application = await createApplication(config, logger);
  const { url } = await application.start();
  process.stderr.write(`\nReferat is running: open ${url} (Ctrl+C stops it)\n\n`);

  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "stopping");
      application.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ error: describeError(error) }, "stop failed");
          process.exit(1);
        },
      );
    });
  }
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description(
      "ingest the minutes and serve the web pages, JSON API and Slack bot (like npm start); the minutes folder is watched unless MINUTES_WATCH=false",
    )
    .action(runServer);
}
