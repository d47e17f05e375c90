import { Writable } from "node:stream";

/** A log destination that parses each pino line into `lines`. */
export function collectInto<Line = Record<string, unknown>>(lines: Line[]): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n")) {
        if (line.trim() !== "") lines.push(JSON.parse(line) as Line);
      }
      callback();
    },
  });
}
