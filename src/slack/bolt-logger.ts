import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import { describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";

/**
 * Bolt and the Socket Mode client log through this, into the application's pino logger. Their
 * debug lines can contain payloads (and so question text); that is why they stay at debug.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const write = (level: "debug" | "info" | "warn" | "error", parts: unknown[]) => {
    if (!logger.isLevelEnabled(level)) return;
    logger[level](parts.map(formatPart).join(" "));
  };
  return {
    debug: (...parts: unknown[]) => write("debug", parts),
    info: (...parts: unknown[]) => write("info", parts),
    warn: (...parts: unknown[]) => write("warn", parts),
    error: (...parts: unknown[]) => write("error", parts),
    // The application's LOG_LEVEL decides; Bolt's own level requests are ignored.
    setLevel: () => {},
    getLevel: () => {
      if (logger.isLevelEnabled("debug")) return LogLevel.DEBUG;
      if (logger.isLevelEnabled("info")) return LogLevel.INFO;
      if (logger.isLevelEnabled("warn")) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}

function formatPart(part: unknown): string {
  if (typeof part === "string") return part;
  if (part instanceof Error) return describeError(part);
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}
