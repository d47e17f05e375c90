import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemAnchor, sectionAnchor } from "../../src/minutes/anchors.ts";
import { type Meeting, meetingSchema } from "../../src/minutes/model.ts";
import { bundledMeetings, startTestServer, type TestServer } from "./http-test-server.ts";

const EVIL = `<script>alert("pwned")</script>`;

/** A meeting whose every field tries to inject markup. */
const hostileMeeting: Meeting = meetingSchema.parse({
  id: "hostile-2024-01-01",
  body: `Rådet ${EVIL}`,
  organisation: `Org ${EVIL}`,
  date: "2024-01-01",
  time: "10:00",
  location: `Sted "><img src=x onerror=alert(1)>`,
  sourceFile: `hostile ${EVIL}.txt`,
  documentType: "referat",
  format: "text",
  sourceUrl: `https://example.dk/${EVIL}`,
  visibility: "public",
  audiences: [],
  warnings: [`Advarsel ${EVIL}`],
  items: [
    {
      number: 1,
      title: `Titel ${EVIL}`,
      caseNumber: `00.00 ${EVIL}`,
      closed: false,
      lineStart: 1,
      lineEnd: 9,
      sections: [
        {
          heading: `Beslutning ${EVIL}`,
          kind: "beslutning",
          slug: "beslutning",
          text: `Tekst ${EVIL}\n- punkt ${EVIL}\n\nA\t${EVIL}\nB\tC`,
          lineStart: 2,
          lineEnd: 9,
        },
      ],
    },
  ],
});

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ meetings: [...(await bundledMeetings()), hostileMeeting] });
});
afterAll(() => server.close());

async function getPage(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

function inlineScripts(markup: string): string[] {
  return [...markup.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? "");
}

function expectCspAllowsOnlyItsOwnScript(csp: string | null, markup: string) {
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain("unsafe-inline");
  const scripts = inlineScripts(markup);
  expect(scripts).toHaveLength(1);
  const hash = createHash("sha256")
    .update(scripts[0] ?? "")
    .digest("base64");
  expect(csp).toContain(`script-src 'sha256-${hash}'`);
}

describe("GET /meetings/:id", () => {
  it("renders the header, a table of contents and an anchor for every item and section", async () => {
    for (const meeting of await bundledMeetings()) {
      const { status, headers, html } = await getPage(`/meetings/${meeting.id}`);
      expect(status).toBe(200);
      expect(headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(html).toContain('<html lang="da">');
      expect(html).toContain(`<h1>${meeting.body.replaceAll("&", "&amp;")} `);
      for (const item of meeting.items) {
        expect(html).toContain(`id="${itemAnchor(item.number)}"`);
        expect(html).toContain(`<a href="#${itemAnchor(item.number)}">`);
        for (const section of item.sections) {
          expect(html).toContain(`id="${sectionAnchor(item.number, section.slug)}"`);
        }
      }
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
      expect(new Set(ids).size, `duplicate ids on ${meeting.id}`).toBe(ids.length);
    }
  });

  it("shows body, organisation, date, time and place", async () => {
    const { html } = await getPage("/meetings/udsatteraadet-2019-09-18");
    expect(html).toContain("<h1>Udsatterådet 18.09.2019</h1>");
    expect(html).toContain("<dt>Organisation</dt><dd>Randers Kommune</dd>");
    expect(html).toContain("<dt>Dato</dt><dd>onsdag den 18. september 2019</dd>");
    expect(html).toContain("<dt>Tidspunkt</dt><dd>kl. 16:00</dd>");
    expect(html).toContain("<dt>Sted</dt><dd>Mødelokale C.2.25, Laksetorvet</dd>");
  });

  it("renders the cited decision verbatim in its own anchored section", async () => {
    const meeting = (await bundledMeetings()).find((m) => m.id === "udsatteraadet-2019-09-18");
    const decision = meeting?.items
      .find((item) => item.number === 32)
      ?.sections.find((section) => section.slug === "beslutning");
    expect(decision).toBeDefined();
    const { html } = await getPage("/meetings/udsatteraadet-2019-09-18");
    const section = /<section class="section" id="punkt-32-beslutning">([\s\S]*?)<\/section>/.exec(
      html,
    )?.[1];
    expect(section).toContain("<h3>Beslutning</h3>");
    const visible = (section ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(visible).toContain(decision?.text.replace(/\s+/g, " ").trim());
  });

  it("keeps tables and lists of the minutes", async () => {
    const randers = await getPage("/meetings/udsatteraadet-2019-09-18");
    const agenda =
      /id="punkt-30-sagsfremstilling">([\s\S]*?)<\/section>/.exec(randers.html)?.[1] ?? "";
    expect(agenda).toContain("<table>");
    expect(agenda).toContain("<td>Dagsordenspunkt</td><td>Tidsplan</td><td>Deltager udefra</td>");

    const pipes = await getPage("/meetings/udsatteraadet-2021-09-27");
    expect(pipes.html).toContain("<th>2018</th><th>2019</th><th>2020</th>");

    const hmu = await getPage("/meetings/hmu-socialomraadet-2022-04-20");
    const recommendation =
      /id="punkt-1-indstilling">([\s\S]*?)<\/section>/.exec(hmu.html)?.[1] ?? "";
    expect(recommendation).toContain('<ul class="minutes-list">');
    expect(recommendation).toContain(
      '<li><span class="marker">-</span> <span class="verbatim">godkender dagsordenen</span></li>',
    );
  });

  it("shows closed items as closed", async () => {
    const { html } = await getPage("/meetings/beskaeftigelsesudvalget-2020-01-14");
    const closed = /<article class="item closed" id="punkt-5">([\s\S]*?)<\/article>/.exec(
      html,
    )?.[1];
    expect(closed).toContain("Lukket punkt: indholdet er ikke offentligt.");
    expect(html).toContain('<article class="item closed" id="punkt-6">');
    expect(html).toContain('<article class="item" id="punkt-7">');
  });

  it("sends a Content-Security-Policy that allows only the page's own inline script", async () => {
    const { headers, html } = await getPage("/meetings/udsatteraadet-2019-09-18");
    expectCspAllowsOnlyItsOwnScript(headers.get("content-security-policy"), html);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("escapes everything taken from the minutes", async () => {
    const { status, html } = await getPage("/meetings/hostile-2024-01-01");
    expect(status).toBe(200);
    expect(html).not.toContain('<script>alert("pwned")');
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    expect(html).toContain("Sted &quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(inlineScripts(html)).toHaveLength(1);

    const home = await getPage("/");
    expect(home.html).toContain("Rådet &lt;script&gt;");
    expect(inlineScripts(home.html)).toHaveLength(1);
  });

  it("answers an unknown meeting with a 404 page that escapes the id", async () => {
    const { status, headers, html } = await getPage(`/meetings/${encodeURIComponent(EVIL)}`);
    expect(status).toBe(404);
    expect(headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html).toContain("Der findes intet møde med id");
    expect(html).toContain("&lt;script&gt;");
    expect(inlineScripts(html)).toHaveLength(0);
    expect(headers.get("content-security-policy")).toContain("script-src 'none'");
  });
});

describe("GET /", () => {
  it("lists every meeting newest first with links, and a question box", async () => {
    const { status, headers, html } = await getPage("/");
    expect(status).toBe(200);
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('<form id="ask-form" class="ask">');
    expect(html).toContain('<textarea id="question" name="question"');
    expect(html).not.toContain('name="token"');
    const links = [...html.matchAll(/<td><a href="\/meetings\/([^"]+)">/g)].map(
      (match) => match[1],
    );
    expect(links).toEqual([
      "hostile-2024-01-01",
      "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
      "hmu-socialomraadet-2022-04-20",
      "udsatteraadet-2021-09-27",
      "beskaeftigelsesudvalget-2020-01-14",
      "udsatteraadet-2019-09-18",
    ]);
    expectCspAllowsOnlyItsOwnScript(headers.get("content-security-policy"), html);
  });

  it("asks for the API token when one is required", async () => {
    const guarded = await startTestServer({ apiToken: "token-for-page-test" });
    try {
      const response = await fetch(`${guarded.url}/`);
      const html = await response.text();
      expect(html).toContain('<input id="token" name="token" type="password"');
      expect(html).not.toContain("token-for-page-test");
    } finally {
      await guarded.close();
    }
  });
});

describe("assets and unknown pages", () => {
  it("serves the stylesheet", async () => {
    const response = await fetch(`${server.url}/assets/style.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await response.text()).toContain(".section:target");
  });

  it("answers unknown pages with HTML for browsers and JSON otherwise", async () => {
    const page = await getPage("/no/such/page", { accept: "text/html,application/xhtml+xml" });
    expect(page.status).toBe(404);
    expect(page.html).toContain("Siden /no/such/page findes ikke.");
    const api = await fetch(`${server.url}/no/such/page`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({
      error: { code: "not_found", message: "No route GET /no/such/page" },
    });
  });
});

/** A real PDF of `pages` pages, made with pdfkit. */
function makePdf(pages: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    document.on("data", (chunk: Buffer) => chunks.push(chunk));
    document.on("end", () => resolve(Buffer.concat(chunks)));
    document.on("error", reject);
    for (const text of pages) document.addPage().text(text);
    document.end();
  });
}

function meetingFrom(fields: Partial<Meeting> & Pick<Meeting, "id" | "sourceFile" | "format">) {
  return meetingSchema.parse({
    body: "Økonomiudvalget",
    organisation: "Prøve Kommune",
    date: "2024-05-06",
    time: null,
    location: null,
    documentType: "referat",
    sourceUrl: null,
    visibility: "public",
    audiences: [],
    warnings: [],
    items: [
      {
        number: 1,
        title: "Godkendelse af dagsorden",
        caseNumber: null,
        closed: false,
        lineStart: 1,
        lineEnd: 2,
        page: 1,
        sections: [
          {
            heading: "Beslutning",
            kind: "beslutning",
            slug: "beslutning",
            text: "Godkendt.",
            lineStart: 2,
            lineEnd: 2,
          },
        ],
      },
      {
        number: 2,
        title: "Budget",
        caseNumber: null,
        closed: false,
        lineStart: 3,
        lineEnd: 4,
        page: 3,
        sections: [
          {
            heading: "Beslutning",
            kind: "beslutning",
            slug: "beslutning",
            text: "Vedtaget.",
            lineStart: 4,
            lineEnd: 4,
          },
        ],
      },
    ],
    ...fields,
  });
}

describe("GET /meetings/:id/original", () => {
  const BUNDLED = new URL("../../data/minutes/", import.meta.url).pathname;
  let root: string;
  let minutesDirectory: string;
  let originals: TestServer;
  let pdfBytes: Buffer;

  const pdfMeeting = meetingFrom({
    id: "oekonomiudvalget-2024-05-06",
    sourceFile: "prøve/Økonomiudvalget referat 2024.pdf",
    format: "pdf",
    sourceUrl: "https://dagsordener.example.dk/vis?id=1&punkt=2",
  });
  const joinedMeeting = meetingFrom({
    id: "byraadet-2024-05-07",
    body: "Byrådet",
    date: "2024-05-07",
    documentType: "dagsorden",
    sourceFile: "byraad/punkt-1.html",
    format: "html",
    sourceUrl: "javascript:alert(1)",
  });
  for (const [index, item] of joinedMeeting.items.entries()) {
    item.sourceFile = `byraad/punkt-${index + 1}.html`;
    delete item.page;
  }
  const tampered = (id: string, sourceFile: string) =>
    meetingFrom({ id, sourceFile, format: "text", date: "2024-01-02" });
  const escapes = [
    tampered("up-2024-01-02", "../secret.txt"),
    tampered("absolute-2024-01-02", `${tmpdir()}/secret.txt`),
    tampered("dotdot-2024-01-02", "prøve/../../secret.txt"),
    tampered("backslash-2024-01-02", "..\\secret.txt"),
    tampered("symlink-2024-01-02", "link-to-secret.txt"),
  ];
  const missing = tampered("missing-2024-01-02", "gone/referat.txt");

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "referat-originals-"));
    minutesDirectory = join(root, "minutes");
    await mkdir(join(minutesDirectory, "prøve"), { recursive: true });
    await mkdir(join(minutesDirectory, "byraad"));
    for (const file of await readdir(BUNDLED)) {
      await copyFile(join(BUNDLED, file), join(minutesDirectory, file));
    }
    pdfBytes = await makePdf(["Punkt 1 Godkendelse af dagsorden", "Bilag", "Punkt 2 Budget"]);
    await writeFile(join(minutesDirectory, pdfMeeting.sourceFile), pdfBytes);
    for (const number of [1, 2]) {
      await writeFile(
        join(minutesDirectory, `byraad/punkt-${number}.html`),
        `<html><body><h1>Punkt ${number}</h1><script>document.title = "ran"</script></body></html>`,
      );
    }
    await writeFile(join(root, "secret.txt"), "SECRET OUTSIDE THE MINUTES FOLDER");
    await symlink(join(root, "secret.txt"), join(minutesDirectory, "link-to-secret.txt"));
    originals = await startTestServer({
      meetings: [...(await bundledMeetings()), pdfMeeting, joinedMeeting, ...escapes, missing],
      minutesDirectory,
    });
  });
  afterAll(async () => {
    await originals?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("streams a text meeting's file as UTF-8 text, inline", async () => {
    const response = await fetch(`${originals.url}/meetings/udsatteraadet-2019-09-18/original`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `inline; filename="randers_udsatteraadet_2019-09-18.txt"; filename*=UTF-8''randers_udsatteraadet_2019-09-18.txt`,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const text = await response.text();
    expect(text).toContain("Henrik Juncher");
  });

  it("streams a PDF byte for byte, with a safe file name and the UTF-8 one", async () => {
    const response = await fetch(`${originals.url}/meetings/oekonomiudvalget-2024-05-06/original`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-length")).toBe(String(pdfBytes.length));
    expect(response.headers.get("content-disposition")).toBe(
      `inline; filename="Oekonomiudvalget referat 2024.pdf"; filename*=UTF-8''%C3%98konomiudvalget%20referat%202024.pdf`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes)).toBe(true);
  });

  it("serves each item's own file of a meeting joined from one page per item, sandboxed", async () => {
    const second = await fetch(`${originals.url}/meetings/byraadet-2024-05-07/original?item=2`);
    expect(second.status).toBe(200);
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.headers.get("content-security-policy")).toMatch(/^sandbox; default-src 'none'/);
    expect(await second.text()).toContain("<h1>Punkt 2</h1>");
    const first = await fetch(`${originals.url}/meetings/byraadet-2024-05-07/original`);
    expect(await first.text()).toContain("<h1>Punkt 1</h1>");
    const noSuchItem = await fetch(`${originals.url}/meetings/byraadet-2024-05-07/original?item=9`);
    expect(noSuchItem.status).toBe(404);
    expect(await noSuchItem.text()).toContain("Mødet har intet punkt 9.");
  });

  it("never serves a file outside the minutes folder, whatever the corpus says", async () => {
    for (const meeting of escapes) {
      const response = await fetch(`${originals.url}/meetings/${meeting.id}/original`);
      expect(response.status, meeting.sourceFile).toBe(404);
      const body = await response.text();
      expect(body).not.toContain("SECRET");
      expect(body).toContain("Mødets originale fil kan ikke udleveres.");
    }
    const refusals = originals.logLines.filter((line) =>
      String(line.msg).startsWith("original file refused"),
    );
    expect(refusals.map((line) => line.meetingId)).toEqual(escapes.map((meeting) => meeting.id));
  });

  it("answers a missing file, an unknown meeting and a server without a minutes folder with 404", async () => {
    const gone = await fetch(`${originals.url}/meetings/missing-2024-01-02/original`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain(
      "Den originale fil gone/referat.txt findes ikke længere i mappen med referater.",
    );
    const unknown = await fetch(`${originals.url}/meetings/nope/original`);
    expect(unknown.status).toBe(404);
    const withoutFolder = await fetch(`${server.url}/meetings/udsatteraadet-2019-09-18/original`);
    expect(withoutFolder.status).toBe(404);
    expect(await withoutFolder.text()).toContain("Denne server udleverer ikke de originale filer.");
  });

  it("shows document type, format, the official document and the original on the meeting page", async () => {
    const pdfPage = await (
      await fetch(`${originals.url}/meetings/oekonomiudvalget-2024-05-06`)
    ).text();
    expect(pdfPage).toContain("<dt>Dokument</dt><dd>Referat</dd>");
    expect(pdfPage).toContain("<dt>Format</dt><dd>PDF</dd>");
    expect(pdfPage).toContain(
      '<dt>Kilde</dt><dd><a href="/meetings/oekonomiudvalget-2024-05-06/original">prøve/Økonomiudvalget referat 2024.pdf</a> (original fil)</dd>',
    );
    expect(pdfPage).toContain(
      '<dt>Officielt dokument</dt><dd><a href="https://dagsordener.example.dk/vis?id=1&amp;punkt=2" rel="external noopener noreferrer">dagsordener.example.dk</a></dd>',
    );
    expect(pdfPage).toContain(
      '<a href="/meetings/oekonomiudvalget-2024-05-06/original#page=3">Side 3 i originalen</a>',
    );

    const joinedPage = await (await fetch(`${originals.url}/meetings/byraadet-2024-05-07`)).text();
    expect(joinedPage).toContain("<dt>Dokument</dt><dd>Dagsorden</dd>");
    expect(joinedPage).toContain("<dt>Format</dt><dd>HTML (webside)</dd>");
    expect(joinedPage).toContain(
      '<a href="/meetings/byraadet-2024-05-07/original?item=2">Original fil: byraad/punkt-2.html</a>',
    );
    // A source address that is not a web address is shown, never linked.
    expect(joinedPage).toContain("<dt>Officielt dokument</dt><dd>javascript:alert(1)</dd>");
    expect(joinedPage).not.toContain('href="javascript:');

    const textPage = await (
      await fetch(`${originals.url}/meetings/udsatteraadet-2019-09-18`)
    ).text();
    expect(textPage).toContain("<dt>Format</dt><dd>Tekst</dd>");
    expect(textPage).not.toContain("Side 1 i originalen");
  });

  it("escapes a hostile official address and file name", async () => {
    const hostile = await startTestServer({ meetings: [hostileMeeting], minutesDirectory });
    try {
      const page = await (await fetch(`${hostile.url}/meetings/hostile-2024-01-01`)).text();
      expect(page).not.toContain("<script>alert");
      expect(page).toContain(
        'href="https://example.dk/%3Cscript%3Ealert(%22pwned%22)%3C/script%3E"',
      );
      expect(page).toContain(
        "hostile &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;.txt</a>",
      );
    } finally {
      await hostile.close();
    }
  });
});
