import { Writable } from "node:stream";
import { pino } from "pino";
import { z } from "zod";
import { createLogger, type Logger } from "../shared/logger.ts";

/**
 * Log lines of worker threads go through the main thread's logger, so that they land where the
 * application logs (its destination, its level, its redaction), tagged with the worker's id.
 * The worker batches lines and posts them once per turn of its event loop.
 */

export interface ForwardingLogger {
  logger: Logger;
  /** Posts the lines written so far now (before a reply, so that logs keep their order). */
  flush(): void;
}

export function createForwardingLogger(options: {
  level: string;
  post: (lines: string[]) => void;
}): ForwardingLogger {
  let pending: string[] = [];
  const flush = () => {
    const lines = pending;
    pending = [];
    if (lines.length > 0) options.post(lines);
  };
  const destination = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      if (pending.length === 0) setImmediate(flush);
      pending.push(String(chunk).trimEnd());
      done();
    },
  });
  return { logger: createLogger({ level: options.level, destination }), flush };
}

const lineSchema = z.looseObject({ level: z.number(), msg: z.string().optional() });
/** What pino adds to every line; the main thread's logger adds its own. */
const OWN_FIELDS = new Set(["level", "time", "pid", "hostname", "msg"]);

/**
 * Logs a worker's lines with the main thread's logger; unreadable lines are logged as such.
 * Fields the logger already binds (its component, the worker id) are not repeated.
 */
export function relayWorkerLogs(logger: Logger, lines: readonly string[]): void {
  const bound = new Set(Object.keys(logger.bindings()));
  for (const line of lines) {
    let parsed: z.infer<typeof lineSchema> | undefined;
    try {
      parsed = lineSchema.safeParse(JSON.parse(line)).data;
    } catch {
      parsed = undefined;
    }
    if (!parsed) {
      logger.warn({ length: line.length }, "unreadable log line from an answer worker");
      continue;
    }
    const fields = Object.fromEntries(
      Object.entries(parsed).filter(([key]) => !OWN_FIELDS.has(key) && !bound.has(key)),
    );
    logger[levelOf(parsed.level)](fields, parsed.msg);
  }
}

const LEVELS = new Set<string>(["fatal", "error", "warn", "info", "debug", "trace"]);

function levelOf(number: number): pino.Level {
  const label = pino.levels.labels[number];
  return label !== undefined && LEVELS.has(label) ? (label as pino.Level) : "info";
}
