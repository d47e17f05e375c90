import { describe, expect, it } from "vitest";
import { createProgressBar, renderProgressLine } from "../../src/cli/progress-bar.ts";
import {
  contentTypeFor,
  inlineDisposition,
  isPlainRelativePath,
} from "../../src/http/original-file.ts";
import { parseSite } from "../../src/sync/firstagenda-client.ts";
import { meetingFileName } from "../../src/sync/firstagenda-sync.ts";
import { safeFileNamePart, siteFolderName } from "../../src/sync/safe-file-name.ts";
import { createCoalescingRunner } from "../../src/watch/coalescing-runner.ts";
import { createIgnoredPathFilter, isTemporaryFileName } from "../../src/watch/ignored-paths.ts";

describe("the watcher's ignored paths", () => {
  it("ignores dot files and folders, scratch files and the data folder inside the minutes folder", () => {
    const ignored = createIgnoredPathFilter({ minutesDir: "/m", dataDir: "/m/referat-data" });
    expect(ignored("/m")).toBe(false);
    expect(ignored("/m/greve/byraad.json")).toBe(false);
    expect(ignored("/m/greve/byraad.json.meta.json")).toBe(false);
    expect(ignored("/m/.git/config")).toBe(true);
    expect(ignored("/m/greve/.~lock.referat.docx#")).toBe(true);
    expect(ignored("/m/~$referat.docx")).toBe(true);
    expect(ignored("/m/referat.pdf.crdownload")).toBe(true);
    expect(ignored("/m/referat.txt~")).toBe(true);
    expect(ignored("/m/referat-data")).toBe(true);
    expect(ignored("/m/referat-data/index/CURRENT")).toBe(true);
    expect(ignored("/m/referat-data-2/x.txt")).toBe(false);
    expect(ignored("/elsewhere/x.txt")).toBe(false);
  });

  it("ignores what ingest writes when the data folder is the minutes folder itself", () => {
    const ignored = createIgnoredPathFilter({ minutesDir: "/m", dataDir: "/m" });
    expect(ignored("/m/corpus.json")).toBe(true);
    expect(ignored("/m/index/generations/x")).toBe(true);
    expect(ignored("/m/referat.txt")).toBe(false);
  });

  it("tells temporary file names apart from minutes", () => {
    expect(["x.tmp", "x.PART", "~$a.docx", "#a#", "a.swp"].map(isTemporaryFileName)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["referat.pdf", "tmp.txt", "part-1.html"].map(isTemporaryFileName)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe("the coalescing runner", () => {
  it("never overlaps runs and turns a burst of requests during a run into one more run", async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const releases: (() => void)[] = [];
    const runner = createCoalescingRunner(
      async () => {
        running += 1;
        runs += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
      },
      { onError: () => {} },
    );
    runner.request();
    runner.request();
    runner.request();
    expect(runs).toBe(1);
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(2);
    releases.shift()?.();
    await runner.idle();
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it("holds requests while paused, and reports a failing run without stopping", async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const runner = createCoalescingRunner(
      async () => {
        runs += 1;
        if (runs === 1) throw new Error("first run fails");
      },
      { paused: true, onError: (error) => errors.push(error) },
    );
    runner.request();
    await runner.idle();
    expect(runs).toBe(0);
    runner.resume();
    await runner.idle();
    runner.request();
    await runner.idle();
    expect(runs).toBe(2);
    expect(errors.map(String)).toEqual(["Error: first run fails"]);
    await runner.stop();
    runner.request();
    await runner.idle();
    expect(runs).toBe(2);
  });
});

describe("the progress bar", () => {
  function terminal(columns = 80) {
    const writes: string[] = [];
    return { isTTY: true, columns, writes, write: (text: string) => writes.push(text) };
  }

  it("draws nothing on a stream that is not a terminal", () => {
    const writes: string[] = [];
    const bar = createProgressBar({ isTTY: false, write: (text) => writes.push(text) });
    bar.update({ done: 1, total: 1, file: "a.txt" });
    bar.finish();
    expect(writes).toEqual([]);
  });

  it("waits before drawing, throttles redraws, always draws the last file and erases itself", () => {
    let now = 0;
    const stream = terminal();
    const bar = createProgressBar(stream, { delayMs: 300, intervalMs: 100, now: () => now });
    bar.update({ done: 1, total: 4, file: "a.txt" });
    expect(stream.writes).toEqual([]);
    now = 350;
    bar.update({ done: 2, total: 4, file: "greve/b.json" });
    now = 400;
    bar.update({ done: 3, total: 4, file: "c.txt" });
    now = 410;
    bar.update({ done: 4, total: 4, file: "d.txt" });
    bar.finish();
    expect(stream.writes).toEqual([
      `\r\u001b[2K${renderProgressLine({ done: 2, total: 4, file: "greve/b.json" }, "Reading minutes", 80)}`,
      `\r\u001b[2K${renderProgressLine({ done: 4, total: 4, file: "d.txt" }, "Reading minutes", 80)}`,
      "\r\u001b[2K",
    ]);
  });

  it("renders the bar, counts and file name, cut to the terminal's width", () => {
    expect(
      renderProgressLine({ done: 2, total: 4, file: "greve/b.json" }, "Reading minutes", 80),
    ).toBe("Reading minutes [████████████············] 2/4  50%  b.json");
    const narrow = renderProgressLine({ done: 1, total: 3, file: "x".repeat(80) }, "Reading", 40);
    expect(narrow).toHaveLength(39);
    expect(narrow.endsWith("…")).toBe(true);
  });
});

describe("original files", () => {
  it("accepts only plain relative paths from the corpus", () => {
    expect(isPlainRelativePath("greve/byraad 2022.json")).toBe(true);
    expect(isPlainRelativePath("..notes.txt")).toBe(true);
    for (const path of [
      "",
      "/etc/passwd",
      "../x",
      "a/../../x",
      "a//b",
      "./a",
      "a\\b",
      "C:x",
      "a\u0000b",
    ]) {
      expect(isPlainRelativePath(path), path).toBe(false);
    }
  });

  it("names the file inline with an ASCII fallback and the UTF-8 name", () => {
    expect(inlineDisposition('prøve/Økonomi "Ø" (2024).pdf')).toBe(
      `inline; filename="Oekonomi _Oe_ _2024_.pdf"; filename*=UTF-8''%C3%98konomi%20%22%C3%98%22%20%282024%29.pdf`,
    );
    expect(inlineDisposition("a/\r\nX.txt")).not.toMatch(/[\r\n]/u);
  });

  it("types a file by its extension, else by its format", () => {
    expect(contentTypeFor("a.PDF", null)).toBe("application/pdf");
    expect(contentTypeFor("a.htm", "html")).toBe("text/html");
    expect(contentTypeFor("agenda", "edagsorden-xml")).toBe("application/xml");
    expect(contentTypeFor("agenda", null)).toBe("application/octet-stream");
  });
});

describe("FirstAgenda sync names", () => {
  it("keeps letters and digits of a committee's name and nothing that could leave the folder", () => {
    expect(safeFileNamePart("Byråd 2022-2025")).toBe("Byråd-2022-2025");
    expect(safeFileNamePart("../../etc/passwd")).toBe("etc-passwd");
    expect(safeFileNamePart('Økonomi: "Udvalget"/\u0000')).toBe("Økonomi-Udvalget");
    expect(safeFileNamePart("///")).toBe("ukendt");
    expect(
      meetingFileName({ committee: "Teknik- og Miljøudvalget", date: "2024-01-02", id: "ab-12" }),
    ).toBe("Teknik-og-Miljøudvalget_2024-01-02_ab-12.json");
    expect(meetingFileName({ committee: "Byråd", date: null, id: "x" })).toBe(
      "Byråd_udateret_x.json",
    );
  });

  it("reads a site as a host or an address", () => {
    expect(parseSite("dagsordener.greve.dk").href).toBe("https://dagsordener.greve.dk/");
    expect(parseSite("http://127.0.0.1:8080/api/x").href).toBe("http://127.0.0.1:8080/");
    expect(siteFolderName(parseSite("http://127.0.0.1:8080"))).toBe("127.0.0.1_8080");
    expect(() => parseSite("ftp://example.dk")).toThrow("is not an http(s) address");
  });
});
