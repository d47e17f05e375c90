/**
 * Bytes of a saved web page → text, the way a browser picks the encoding: a byte-order mark,
 * then the page's own declaration (`<meta charset>`, `http-equiv` Content-Type, an XML
 * declaration), else UTF-8 if the bytes are valid UTF-8, else windows-1252. Old municipal pages
 * are often ISO-8859-1, which browsers (and TextDecoder) read as windows-1252.
 */

export interface DecodedPage {
  text: string;
  /** The WHATWG name of the encoding used ("utf-8", "windows-1252"). */
  encoding: string;
  /** Why that encoding: a notice for the reader's warnings when it is worth telling. */
  notice?: string;
}

/** Browsers look for the declaration in the first 1024 bytes; saved pages put long scripts first. */
const PRESCAN_BYTES = 4096;
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/iu;
const XML_ENCODING = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/iu;
const FALLBACK = "windows-1252";
/**
 * windows-1252's bytes 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ), in byte
 * order; the five bytes the encoding leaves undefined keep their C1 code point. Node 20's
 * TextDecoder decodes these bytes as C1 control characters (as ISO-8859-1 would), which turns the
 * dashes and quotes of Danish minutes into invisible controls.
 */
const WINDOWS_1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

export function decodeHtmlBytes(bytes: Uint8Array): DecodedPage {
  const bom = byteOrderMark(bytes);
  if (bom !== undefined) {
    const text = new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length));
    if (bom.encoding === "utf-8") return { text, encoding: "utf-8" };
    return { text, encoding: bom.encoding, notice: `read as ${bom.encoding} (byte-order mark)` };
  }
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, PRESCAN_BYTES));
  const label = head.match(META_CHARSET)?.[1] ?? head.match(XML_ENCODING)?.[1];
  const utf8 = tryUtf8(bytes);
  if (label !== undefined) {
    const declared = encodingFor(label);
    if (declared === undefined) {
      return fallback(bytes, utf8, `the page declares an unknown encoding "${label}"`);
    }
    if (declared === "utf-8" || declared === "utf-16le" || declared === "utf-16be") {
      // A page cannot declare UTF-16 in its own ASCII bytes; browsers read such a page as UTF-8.
      if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };
      return fallback(bytes, undefined, `the page declares ${label} but is not valid UTF-8`);
    }
    if (utf8 !== undefined && hasMultibyteSequence(bytes)) {
      // A page saved again as UTF-8 keeps its old declaration; reading it as declared garbles æøå.
      return {
        text: utf8,
        encoding: "utf-8",
        notice: `the page declares ${label} but its bytes are UTF-8; read as UTF-8`,
      };
    }
    return {
      text: decodeLegacy(bytes, declared),
      encoding: declared,
      notice: `read as ${declared} (the page declares ${label})`,
    };
  }
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };
  return fallback(bytes, undefined, "the page declares no encoding and is not valid UTF-8");
}

function fallback(bytes: Uint8Array, utf8: string | undefined, why: string): DecodedPage {
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8", notice: `${why}; read as UTF-8` };
  return {
    text: decodeLegacy(bytes, FALLBACK),
    encoding: FALLBACK,
    notice: `${why}; read as ${FALLBACK}`,
  };
}

/** windows-1252 (and ISO-8859-1, which browsers read as windows-1252) bytes → text, 0x80–0x9F included. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return decodeLegacy(bytes, FALLBACK);
}

function decodeLegacy(bytes: Uint8Array, encoding: string): string {
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== FALLBACK) return text;
  return text.replace(
    /[\u0080-\u009F]/gu,
    (control) => WINDOWS_1252_HIGH[control.charCodeAt(0) - 0x80] ?? control,
  );
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

function encodingFor(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return undefined;
  }
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Any byte above 0x7F in valid UTF-8 is part of a multibyte sequence. */
function hasMultibyteSequence(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte > 0x7f);
}
