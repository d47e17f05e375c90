import { createApplication } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/shared/logger.ts";
import type { WorkerRequest } from "./figures.ts";

/**
 * The service stage's process: the application exactly as `npm start` builds it (createApplication
 * over a DATA_DIR whose corpus and index are already built), started on 127.0.0.1:0. It reports
 * over IPC when it listens and, when asked, its memory; the driver runs the load from its own
 * process, so the load tools never share this process's event loop.
 */

export type ServeMessage =
  | { type: "listening"; url: string; startMs: number; baselineRssBytes: number }
  | {
      type: "memory";
      rssBytes: number;
      heapUsedBytes: number;
      /** resourceUsage().maxRSS, in bytes. */
      peakRssBytes: number;
    }
  | { type: "stopped" };

export type DriverMessage = { type: "memory" } | { type: "stop" };

export async function serveUntilStopped(
  request: Extract<WorkerRequest, { kind: "serve" }>,
): Promise<void> {
  const baselineRssBytes = process.memoryUsage().rss;
  const config = loadConfig(request.env);
  // Warnings and errors reach the driver's stderr buffer, which it quotes when the stage fails.
  const logger = createLogger({ level: config.logLevel });
  const started = performance.now();
  const application = await createApplication(config, logger);
  const { url } = await application.start();
  const startMs = performance.now() - started;

  const send = (message: ServeMessage) => process.send?.(message);
  send({ type: "listening", url, startMs, baselineRssBytes });

  await new Promise<void>((resolve) => {
    process.on("message", (message: DriverMessage) => {
      if (message.type === "memory") {
        const usage = process.memoryUsage();
        send({
          type: "memory",
          rssBytes: usage.rss,
          heapUsedBytes: usage.heapUsed,
          peakRssBytes: process.resourceUsage().maxRSS * 1024,
        });
      } else if (message.type === "stop") {
        resolve();
      }
    });
    // The driver is gone: nothing left to serve.
    process.on("disconnect", resolve);
  });
  await application.stop();
  if (process.connected) {
    send({ type: "stopped" });
    process.disconnect();
  }
}
