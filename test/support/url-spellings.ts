import { connect } from "node:net";

/**
 * Other ways to spell a request path: percent-encoding, case, lookalike letters, slash and dot
 * tricks, suffixes, absolute-form targets. An access check that reads the raw URL instead of the
 * routed one lets some of them through; a test sends every spelling of every protected path and
 * checks that none is answered without credentials.
 */

export interface Spelling {
  /** What was done to the path, for failure messages. */
  label: string;
  /** The raw request-target, exactly as it goes on the request line (before any query). */
  target: string;
}

/** Letters that look like ASCII ones, or fold to them under toUpperCase/toLowerCase. */
const LOOKALIKES: Record<string, string[]> = {
  a: ["\u0430"],
  c: ["\u0441"],
  e: ["\u0435"],
  i: ["\u0456", "\u0131"],
  k: ["\u212a"],
  o: ["\u043e"],
  p: ["\u0440"],
  s: ["\u0455", "\u017f"],
  x: ["\u0445"],
  y: ["\u0443"],
};

const SUFFIXES = [
  "/",
  "//",
  "%2F",
  "%2f",
  "/.",
  "/%2e",
  ";",
  ";x",
  "%3B",
  "?",
  "#",
  "#x",
  "%3F",
  "%23",
  "%00",
  "%20",
  "%09",
  ".",
  ".json",
  "\\",
  "%5C",
];

/** Every spelling of `path` (an absolute path such as `/api/meetings/abc`), the path itself first. */
export function spellingsOf(path: string): Spelling[] {
  if (!path.startsWith("/")) throw new Error(`not an absolute path: ${path}`);
  const segments = path.slice(1).split("/");
  const spellings: Spelling[] = [{ label: "as registered", target: path }];
  const add = (label: string, target: string) => spellings.push({ label, target });
  const join = (parts: string[]) => `/${parts.join("/")}`;
  const withSegment = (index: number, replacement: string) =>
    join(segments.map((segment, at) => (at === index ? replacement : segment)));

  segments.forEach((segment, index) => {
    if (segment === "") return;
    const at = `segment ${index + 1}`;
    const first = segment.charAt(0);
    const rest = segment.slice(1);
    add(`${at}: first letter %-encoded`, withSegment(index, `${percent(first)}${rest}`));
    add(`${at}: all %-encoded, lower hex`, withSegment(index, percentAll(segment).toLowerCase()));
    add(`${at}: all %-encoded, upper hex`, withSegment(index, percentAll(segment)));
    add(`${at}: upper case`, withSegment(index, segment.toUpperCase()));
    add(`${at}: capitalised`, withSegment(index, `${first.toUpperCase()}${rest}`));
    add(
      `${at}: upper-case letter %-encoded`,
      withSegment(index, `${percent(first.toUpperCase())}${rest.toUpperCase()}`),
    );
    add(`${at}: %-encoding %-encoded`, withSegment(index, `%25${percent(first).slice(1)}${rest}`));
    add(`${at}: overlong UTF-8`, withSegment(index, `${overlong(first)}${rest}`));
    add(`${at}: fullwidth letter`, withSegment(index, `${utf8Percent(fullwidth(first))}${rest}`));
    add(`${at}: fullwidth letter, raw bytes`, withSegment(index, `${fullwidth(first)}${rest}`));
    for (const [position, letter] of [...segment].entries()) {
      for (const lookalike of LOOKALIKES[letter.toLowerCase()] ?? []) {
        const spelled = `${segment.slice(0, position)}${utf8Percent(lookalike)}${segment.slice(position + 1)}`;
        add(`${at}: U+${codePoint(lookalike)} for ${letter}`, withSegment(index, spelled));
      }
    }
    add(
      `${at}: dot segment before`,
      join([...segments.slice(0, index), ".", ...segments.slice(index)]),
    );
    add(
      `${at}: %2e segment before`,
      join([...segments.slice(0, index), "%2e", ...segments.slice(index)]),
    );
    add(
      `${at}: x/.. before`,
      join([...segments.slice(0, index), "x", "..", ...segments.slice(index)]),
    );
    add(
      `${at}: x/%2e%2e before`,
      join([...segments.slice(0, index), "x", "%2E%2E", ...segments.slice(index)]),
    );
    add(
      `${at}: doubled slash before`,
      join([...segments.slice(0, index), "", ...segments.slice(index)]),
    );
  });

  for (const [label, separator] of [
    ["slashes as %2F", "%2F"],
    ["slashes as %2f", "%2f"],
    ["slashes as backslashes", "\\"],
    ["slashes as %5C", "%5C"],
    ["slashes doubled", "//"],
  ] as const) {
    add(label, `/${segments.join(separator)}`);
  }
  add("leading slash as %2F", `%2F${segments.join("/")}`);
  add("leading backslash", `\\${segments.join("/")}`);
  add("whole path %-encoded", `/${segments.map(percentAll).join("/")}`);
  add("whole path upper case", path.toUpperCase());
  for (const suffix of SUFFIXES) add(`suffix ${JSON.stringify(suffix)}`, `${path}${suffix}`);
  add("absolute-form", `http://localhost${path}`);
  add("absolute-form, upper-case scheme and host", `HTTP://LOCALHOST${path}`);
  add(
    "absolute-form, first letter %-encoded",
    `http://localhost/${percent(path.charAt(1))}${path.slice(2)}`,
  );
  add("absolute-form with user info", `http://user:pass@localhost${path}`);
  // The asterisk-form (meant for OPTIONS *): Fastify routes it to the front page.
  if (path === "/") add("asterisk-form", "*");

  const seen = new Set<string>();
  return spellings.filter(({ target }) => !seen.has(target) && seen.add(target) !== undefined);
}

function percent(character: string): string {
  return `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}

function percentAll(segment: string): string {
  return [...segment].map((character) => utf8Percent(character)).join("");
}

function utf8Percent(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
    .join("");
}

/** The two-byte UTF-8 encoding of an ASCII character, which decoders must refuse. */
function overlong(character: string): string {
  const code = character.charCodeAt(0);
  const bytes = [0xc0 | (code >> 6), 0x80 | (code & 0x3f)];
  return bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
}

function fullwidth(character: string): string {
  const code = character.charCodeAt(0);
  return code >= 0x21 && code <= 0x7e ? String.fromCharCode(code + 0xfee0) : character;
}

function codePoint(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one HTTP/1.1 request with `target` on the request line byte for byte (fetch and
 * node:http normalise or refuse some spellings), and reads the whole response.
 */
export function sendRaw(
  baseUrl: string,
  request: {
    method: string;
    target: string;
    headers?: Record<string, string>;
    body?: string;
    /** The client's address, e.g. 127.0.0.2 to be another client on loopback. */
    localAddress?: string;
  },
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");
  const headerLines = Object.entries({
    host: `${hostname}:${port}`,
    connection: "close",
    ...(body ? { "content-type": "application/json", "content-length": String(body.length) } : {}),
    ...request.headers,
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  const head = Buffer.from(
    `${request.method} ${request.target} HTTP/1.1\r\n${headerLines.join("")}\r\n`,
    "utf8",
  );
  return new Promise((resolve, reject) => {
    const socket = connect({
      port: Number(port),
      host: hostname,
      ...(request.localAddress === undefined ? {} : { localAddress: request.localAddress }),
    });
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${request.target}`)));
    socket.on("connect", () => socket.end(body ? Buffer.concat([head, body]) : head));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks), request.target));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parseResponse(bytes: Buffer, target: string): RawResponse {
  const headEnd = bytes.indexOf("\r\n\r\n");
  if (headEnd < 0)
    throw new Error(`incomplete response to ${target}: ${JSON.stringify(String(bytes))}`);
  const [statusLine = "", ...lines] = bytes.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`no status line in answer to ${target}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(headEnd + 4);
  if (headers["transfer-encoding"] === "chunked") body = unchunk(body);
  return { status, headers, body: body.toString("utf8") };
}

function unchunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.subarray(0, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
}

/** A request to send in every spelling of its path. */
export interface RequestToSpell {
  method: string;
  path: string;
  /** Appended after `?` to every spelling. */
  query?: string;
  body?: string;
}

export interface SpelledAnswer {
  method: string;
  path: string;
  label: string;
  target: string;
  status: number;
}

/** Sends each request in every spelling of its path, a few at a time, and lists the statuses. */
export async function sendEverySpelling(
  baseUrl: string,
  requests: RequestToSpell[],
  headers: Record<string, string> = {},
): Promise<SpelledAnswer[]> {
  const jobs = requests.flatMap((request) =>
    spellingsOf(request.path).map((spelling) => ({ request, spelling })),
  );
  const answers: SpelledAnswer[] = [];
  const worker = async () => {
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
      const { request, spelling } = job;
      const target =
        request.query === undefined ? spelling.target : `${spelling.target}?${request.query}`;
      const { status } = await sendRaw(baseUrl, {
        method: request.method,
        target,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      answers.push({
        method: request.method,
        path: request.path,
        label: spelling.label,
        target,
        status,
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return answers;
}
