import { type Logger, pino } from "pino";

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Where log lines go; defaults to stderr so that CLI output on stdout stays clean. */
  destination?: NodeJS.WritableStream;
}

/**
 * The application's one logger. Callers log ids, counts, timings and model names; the text of
 * minutes and questions only at debug level. Secrets are redacted by key name as a safety net.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      redact: {
        paths: [
          "apiKey",
          "*.apiKey",
          "token",
          "*.token",
          "authorization",
          "*.authorization",
          "headers.authorization",
          "signingSecret",
          "*.signingSecret",
        ],
        censor: "[redacted]",
      },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

/** A logger that drops everything: for tests and library callers that pass none. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
