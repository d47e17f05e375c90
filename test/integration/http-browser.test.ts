import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingSchema } from "../../src/minutes/model.ts";
import { type LaunchedChromium, launchChromium } from "../support/chromium.ts";
import {
  type RealPipelineServer,
  startRealPipelineServer,
  startTestServer,
} from "./http-test-server.ts";

/** The real server and answering pipeline on the bundled minutes, driven in headless Chromium. */

let server: RealPipelineServer;
let browser: LaunchedChromium;
const cspViolations: string[] = [];

beforeAll(async () => {
  server = await startRealPipelineServer();
  browser = await launchChromium();
});
/** Servers a test started: closed once the browser has let go of its keep-alive connections. */
const closeAfterBrowser: (() => Promise<void>)[] = [];
afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const close of closeAfterBrowser) await close();
});

async function openPage(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) cspViolations.push(message.text());
  });
  await page.goto(`${server.url}${path}`);
  return page;
}

/** Whether the element is highlighted (class and :target-or-marked background) and on screen. */
async function highlightState(page: Page, id: string) {
  return page.evaluate((elementId) => {
    const element = document.getElementById(elementId);
    if (!element) return null;
    const box = element.getBoundingClientRect();
    return {
      highlighted: element.classList.contains("highlighted"),
      background: getComputedStyle(element).backgroundColor,
      top: box.top,
      inViewport: box.top >= 0 && box.top < window.innerHeight && box.bottom > 0,
      scrollY: window.scrollY,
      highlightedCount: document.querySelectorAll(".highlighted").length,
    };
  }, id);
}

const MARK = "rgb(255, 243, 176)";

describe("source pages in Chromium", () => {
  it("highlights the cited section of a citation URL and scrolls it into view", async () => {
    const page = await openPage("/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning");
    const state = await highlightState(page, "punkt-32-beslutning");
    expect(state).toMatchObject({
      highlighted: true,
      background: MARK,
      inViewport: true,
      highlightedCount: 1,
    });
    expect(state?.scrollY).toBeGreaterThan(0);
    expect(await page.locator("#punkt-32-beslutning").innerText()).toContain("Henrik Juncher");
    await page.screenshot({
      path: `${process.env.SCREENSHOT_DIR ?? "/tmp"}/referat-source-page.png`,
    });

    // Following a table-of-contents link moves the highlight.
    await page.click('nav.toc a[href="#punkt-36"]');
    await page.waitForFunction(() =>
      document.getElementById("punkt-36")?.classList.contains("highlighted"),
    );
    const moved = await highlightState(page, "punkt-36");
    expect(moved).toMatchObject({ highlighted: true, inViewport: true, highlightedCount: 1 });
    await page.close();
  });

  it("highlights ?highlight= without a hash", async () => {
    const page = await openPage(
      "/meetings/hmu-socialomraadet-2022-04-20?highlight=punkt-9-beslutning",
    );
    const state = await highlightState(page, "punkt-9-beslutning");
    expect(state).toMatchObject({ highlighted: true, background: MARK, inViewport: true });
    expect(state?.scrollY).toBeGreaterThan(0);
    await page.close();
  });

  it("asks a question on / and shows a cited answer whose link opens the cited section", async () => {
    const page = await openPage("/");
    await page.fill("#question", "Hvem blev medlem af styregruppen for ACT-indsatsen?");
    await page.click("#ask-form button");
    const link = page.locator("#answer a.citation").first();
    await link.waitFor();
    expect(await page.locator("#answer .answer-text").innerText()).toContain("Henrik Juncher");
    expect(await link.innerText()).toMatch(/^Udsatterådet 18\.09\.2019 · Punkt 32/);
    const href = (await link.getAttribute("href")) ?? "";
    expect(href.startsWith(`${server.url}/meetings/udsatteraadet-2019-09-18#punkt-32`)).toBe(true);
    await page.screenshot({
      path: `${process.env.SCREENSHOT_DIR ?? "/tmp"}/referat-home-answer.png`,
    });

    await link.click();
    await page.waitForURL(href);
    const anchor = decodeURIComponent(new URL(href).hash.slice(1));
    const state = await highlightState(page, anchor);
    expect(state).toMatchObject({ highlighted: true, background: MARK, inViewport: true });
    await page.close();
  });

  it("shows the server's error message when a question is rejected", async () => {
    const page = await openPage("/");
    await page.fill("#question", "x".repeat(2000));
    await page.evaluate(() => {
      const field = document.getElementById("question") as HTMLTextAreaElement;
      field.removeAttribute("maxlength");
      field.value = "x".repeat(2001);
    });
    await page.click("#ask-form button");
    const error = page.locator("#answer .error");
    await error.waitFor();
    expect(await error.innerText()).toContain("question must be at most 2000 characters");
    await page.close();
  });

  it("ran every page without a Content-Security-Policy violation", () => {
    expect(cspViolations).toEqual([]);
  });
});

describe("original files in Chromium", () => {
  it("opens a meeting's original from its source page and never runs the original's scripts", async () => {
    const folder = await mkdtemp(join(tmpdir(), "referat-browser-originals-"));
    await writeFile(
      join(folder, "byraad.html"),
      `<html><head><title>Byrådet</title></head><body><h1>Punkt 1: Budget</h1>
<script>document.title = "script ran"; document.body.dataset.ran = "yes";</script></body></html>`,
    );
    const meeting = meetingSchema.parse({
      id: "byraadet-2024-05-07",
      body: "Byrådet",
      organisation: null,
      date: "2024-05-07",
      time: null,
      location: null,
      documentType: "dagsorden",
      sourceFile: "byraad.html",
      format: "html",
      sourceUrl: null,
      visibility: "public",
      audiences: [],
      warnings: [],
      items: [
        {
          number: 1,
          title: "Budget",
          caseNumber: null,
          closed: false,
          lineStart: 1,
          lineEnd: 1,
          sections: [],
        },
      ],
    });
    const originals = await startTestServer({ meetings: [meeting], minutesDirectory: folder });
    const page = await browser.context.newPage();
    try {
      await page.goto(`${originals.url}/meetings/byraadet-2024-05-07`);
      await page.click('a[href="/meetings/byraadet-2024-05-07/original"]');
      await page.waitForURL("**/meetings/byraadet-2024-05-07/original");
      // The live DOM: shown (decoded as UTF-8), and untouched by the original's own script.
      const dom = await page.content();
      expect(dom).toContain("<h1>Punkt 1: Budget</h1>");
      expect(dom).toContain("<title>Byrådet</title>");
      expect(dom).not.toContain("<title>script ran</title>");
      expect(dom).not.toContain('data-ran="yes"');
    } finally {
      await page.close();
      closeAfterBrowser.push(async () => {
        await originals.close();
        await rm(folder, { recursive: true, force: true });
      });
    }
  });
});
