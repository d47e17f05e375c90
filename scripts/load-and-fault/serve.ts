import { createApplication } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/shared/logger.ts";

/**
 * The service under load, in a process of its own: the application exactly as `npm start` builds
 * it from the environment the driver gives it, on 127.0.0.1. It tells the driver over IPC where it
 * listens and, when stopped, the most memory it held (resourceUsage().maxRSS: worker threads
 * included), so the load generator never shares its event loop or its memory figures.
 */

export type ServeMessage =
  | { type: "listening"; url: string; startMs: number }
  | { type: "stopped"; maxRssBytes: number };

const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel });
const started = performance.now();
const application = await createApplication(config, logger);
const { url } = await application.start();
const send = (message: ServeMessage) => process.send?.(message);
send({ type: "listening", url, startMs: performance.now() - started });

await new Promise<void>((resolve) => {
  process.on("message", (message: { type?: string }) => {
    if (message.type === "stop") resolve();
  });
  process.on("disconnect", resolve);
});
await application.stop();
if (process.connected) {
  send({ type: "stopped", maxRssBytes: process.resourceUsage().maxRSS * 1024 });
  process.disconnect();
}
