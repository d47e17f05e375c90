import { existsSync } from "node:fs";
import { createApplication } from "./app.ts";
import { loadConfig } from "./config/index.ts";
import { createLogger } from "./shared/logger.ts";

/** `npm start`: loadConfig(process.env) → createApplication → start; SIGTERM/SIGINT → stop. */

if (existsSync(".env")) process.loadEnvFile(".env");

let config: ReturnType<typeof loadConfig>;
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
        logger.error({ error: String(error) }, "stop failed");
        process.exit(1);
      },
    );
  });
}
