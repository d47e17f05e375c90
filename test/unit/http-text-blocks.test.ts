import { describe, expect, it } from "vitest";
import { escapeHtml, html, rawHtml } from "../../src/http/html.ts";
import { renderTextBlocks, splitTextBlocks } from "../../src/http/text-blocks.ts";
import { ingestDirectory } from "../../src/minutes/index.ts";

/** The words a reader sees: tags removed, entities decoded, whitespace collapsed. */
function visibleText(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ")
    .trim();
}

describe("html templates", () => {
  it("escapes every interpolated value, including inside arrays, but not nested templates", () => {
    const evil = `<script>alert("x") & 'y'</script>`;
    const markup = html`<p title="${evil}">${evil}${[evil, html`<b>${evil}</b>`]}</p>`;
    expect(markup.value).not.toContain("<script>");
    expect(markup.value).toContain(
      "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;",
    );
    expect(markup.value).toContain("<b>&lt;script&gt;");
    expect(escapeHtml(`"><img src=x onerror=alert(1)>`)).toBe(
      "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
    );
  });

  it("drops null, undefined and false but keeps 0", () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe("0");
    expect(html`${rawHtml("<hr>")}`.value).toBe("<hr>");
  });
});

describe("text blocks", () => {
  it("keeps bullets, numbered lines and their markers", () => {
    const blocks = splitTextBlocks(
      "Det indstilles, at HMU\n\n- godkender dagsordenen\n- godkender referatet\n  af mødet\n\n1. at rådet godkender\n2) at rådet drøfter",
    );
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Det indstilles, at HMU" },
      {
        kind: "list",
        ordered: false,
        items: [
          { marker: "-", text: "godkender dagsordenen" },
          { marker: "-", text: "godkender referatet\n  af mødet" },
        ],
      },
      {
        kind: "list",
        ordered: true,
        items: [
          { marker: "1.", text: "at rådet godkender" },
          { marker: "2)", text: "at rådet drøfter" },
        ],
      },
    ]);
  });

  it("splits a paragraph where a list starts without a blank line", () => {
    expect(
      splitTextBlocks("HMU besluttede, at:\n- punktet udsættes").map((block) => block.kind),
    ).toEqual(["paragraph", "list"]);
  });

  it("turns tab-separated rows into a table, but leaves a single tabbed line as text", () => {
    expect(splitTextBlocks("Fase\tAktivitet\nForberedelse\tHøring\t14. august")).toEqual([
      {
        kind: "table",
        header: null,
        rows: [
          ["Fase", "Aktivitet"],
          ["Forberedelse", "Høring", "14. august"],
        ],
      },
    ]);
    expect(splitTextBlocks("Forvaltning:\tSocial")).toEqual([
      { kind: "paragraph", text: "Forvaltning:\tSocial" },
    ]);
    const markup = renderTextBlocks("a\tb\tc\nd\te").value;
    expect(markup.match(/<tr>/g)).toHaveLength(2);
    expect(markup).toContain("<td>e</td><td></td>");
  });

  it("reads pipe tables with a header row, and drops an empty header", () => {
    expect(splitTextBlocks("| 2018 | 2019 |\n|---|---|\n| 57 % | 59 % |")).toEqual([
      { kind: "table", header: ["2018", "2019"], rows: [["57 %", "59 %"]] },
    ]);
    expect(splitTextBlocks("| | |\n|---|----|\n| Eventuelt | 15 |")).toEqual([
      { kind: "table", header: null, rows: [["Eventuelt", "15"]] },
    ]);
  });

  it("shows every word of every bundled section, in order", async () => {
    const { meetings } = await ingestDirectory("data/minutes");
    let sections = 0;
    for (const meeting of meetings) {
      for (const item of meeting.items) {
        for (const section of item.sections) {
          const expected = section.text
            .split("\n")
            .filter((line) => !/^\s*\|?(\s*:?-{2,}:?\s*\|)+/.test(line))
            .join("\n")
            .replaceAll("|", " ")
            .replace(/\s+/g, " ")
            .trim();
          expect(
            visibleText(renderTextBlocks(section.text).value),
            `${meeting.id} ${item.number}`,
          ).toBe(expected);
          sections += 1;
        }
      }
    }
    expect(sections).toBeGreaterThan(150);
  });
});
