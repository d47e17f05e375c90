import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { makeProbePdf } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";

/** A small body's referat whose second page was printed, signed and scanned back in. */

const ITEMS: ProbeItem[] = [
  { number: 1, title: "Godkendelse af dagsorden", decision: "Godkendt." },
  { number: 2, title: "Trafik på Skolevej", decision: "Lokalrådet sender et brev til kommunen" },
  { number: 3, title: "Sankthansbål ved søen", decision: "Lokalrådet står for bålet" },
  { number: 4, title: "Eventuelt", decision: "Intet." },
];

const SCANNED_LINES: [string, "bold" | "regular"][] = [
  ["3. Sankthansbål ved søen", "bold"],
  ["Beslutning:", "bold"],
  ["Lokalrådet står for bålet som sidste år. Erik bestiller", "regular"],
  ["brænde, og spejderne står for båltalen.", "regular"],
  ["", "regular"],
  ["4. Eventuelt", "bold"],
  ["Beslutning:", "bold"],
  ["Intet.", "regular"],
  ["", "regular"],
  ["Næste møde: 4. september 2024", "regular"],
  ["", "regular"],
  ["Referent: Ulla Skau", "regular"],
];

function fontPath(name: string): string {
  const folder = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return join(folder, "standard_fonts", `LiberationSans-${name}.ttf`);
}

/** The page drawn at 300 dpi, slightly rotated and grey-backed, as a scanner gives it. */
function scannedPage(width: number, height: number): Buffer {
  GlobalFonts.registerFromPath(fontPath("Regular"), "Probe Scan");
  GlobalFonts.registerFromPath(fontPath("Bold"), "Probe Scan Bold");
  const scale = 300 / 72;
  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const context = canvas.getContext("2d");
  context.fillStyle = "#f4f3ef";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.translate(canvas.width / 2, canvas.height / 2);
  context.rotate(0.004);
  context.translate(-canvas.width / 2, -canvas.height / 2);
  context.fillStyle = "#1a1a1a";
  SCANNED_LINES.forEach(([text, weight], index) => {
    context.font = `${Math.round(11 * scale)}px "${weight === "bold" ? "Probe Scan Bold" : "Probe Scan"}"`;
    context.fillText(text, 70 * scale, (90 + index * 19) * scale);
  });
  context.font = `${Math.round(20 * scale)}px "Probe Scan"`;
  context.fillText("Ulla Skau", 330 * scale, 420 * scale);
  return canvas.toBuffer("image/png");
}

export const probe: Probe = {
  file: "scanned-page-lokalraad.pdf",
  imitates:
    "A village council's (lokalråd) two-page Word referat where the second page was printed, signed and scanned back in (page 2 has no text layer)",
  tricky:
    "items 3-4 exist only as an image (OCR); items are '1. Title' bold with 'Beslutning:' below; the signature is handwriting-like text on the scan; the meeting date is in running prose",
  meeting: {
    date: "2024-06-12",
    body: ["Bjerre Lokalråd", "Lokalrådet", "Lokalråd"],
    documentType: "referat",
    itemCount: 4,
  },
  items: ITEMS,
  notes:
    "Page 1 has a text layer (items 1-2); page 2 is a 300 dpi scan (items 3-4, the next meeting and the referent's name) that must be OCR'd. Each decision follows a 'Beslutning:' line.",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        doc.font(pdf.bold).fontSize(15).text("Referat fra møde i Bjerre Lokalråd", pdf.left, 90);
        pdf.gap(0.5);
        pdf.para("Mødet blev holdt onsdag den 12. juni 2024 kl. 19.00 i forsamlingshuset.");
        pdf.para("Til stede: Ulla Skau, Erik Nørgaard, Pia Holm, Bo Krag. Afbud: Line Bak.");
        pdf.heading("1. Godkendelse af dagsorden", 11);
        pdf.heading("Beslutning:", 10.5, { gap: 0.2 });
        pdf.para("Godkendt.");
        pdf.heading("2. Trafik på Skolevej", 11);
        pdf.para(
          "Flere borgere har klaget over fart på Skolevej om morgenen. Pia har talt med skolen, som gerne vil være med til en fælles henvendelse.",
        );
        pdf.heading("Beslutning:", 10.5, { gap: 0.2 });
        pdf.para(
          "Lokalrådet sender et brev til kommunen med ønske om en hastighedsmåling. Bo skriver udkastet.",
        );
        doc.addPage();
        doc.image(scannedPage(doc.page.width, doc.page.height), 0, 0, {
          width: doc.page.width,
          height: doc.page.height,
        });
      },
      { title: "Referat Bjerre Lokalråd" },
    ),
};
