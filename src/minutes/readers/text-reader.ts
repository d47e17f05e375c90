import { AppError } from "../../shared/errors.ts";
import { unflattenPages } from "./flattened-pages.ts";
import type { Reader } from "./types.ts";

export const TEXT_EXTENSIONS = [".txt", ".md", ".markdown", ".text"] as const;

/** Plain-text and Markdown minutes: UTF-8, any line ending, an optional byte-order mark. */
export const textReader: Reader = {
  format: "text",
  accepts(file) {
    return TEXT_EXTENSIONS.some((extension) => file.path.toLowerCase().endsWith(extension));
  },
  async read(file) {
    const text = decodeUtf8(file.bytes)
      .replace(/^\uFEFF/u, "")
      .replace(/\r\n?/gu, "\n");
    if (text.trim() === "") throw new AppError("minutes_empty", "the file is empty");
    const unflattened = unflattenPages(text);
    if (unflattened === undefined) {
      return { kind: "text", format: "text", text, metadata: {}, warnings: [] };
    }
    return {
      kind: "text",
      format: "text",
      text: unflattened,
      metadata: {},
      warnings: ["the text had lost its line breaks (one line per page); they were restored"],
    };
  },
};

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new AppError("minutes_not_utf8", "not UTF-8 text", { cause: error });
  }
}
