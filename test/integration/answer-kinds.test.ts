import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerFunctions, buildRetrievalStack, type RetrievalStack } from "./answer-pipeline.ts";

/**
 * Each kind of question answered end to end over the real minutes of eight municipalities and
 * regions (../shared/real-minutes, without its README), through the real retriever: what the
 * answer quotes is the kind of thing asked for.
 */

const REAL_MINUTES = new URL("../../../shared/real-minutes", import.meta.url).pathname;

let minutesDir: string;
let stack: RetrievalStack;
let answers: ReturnType<typeof answerFunctions>;

beforeAll(async () => {
  minutesDir = await mkdtemp(join(tmpdir(), "referat-real-minutes-"));
  const files = (await readdir(REAL_MINUTES)).filter((file) => file !== "README.md");
  await Promise.all(
    files.map((file) => copyFile(join(REAL_MINUTES, file), join(minutesDir, file))),
  );
  stack = await buildRetrievalStack([minutesDir]);
  answers = answerFunctions(stack);
});
afterAll(async () => {
  await stack?.dispose();
  await rm(minutesDir, { recursive: true, force: true });
});

describe("answerQuestion answers the kind of question asked, on real minutes", () => {
  it("gives the decision and the recommendation it approves", async () => {
    const answer = await answers.answerQuestion(
      "Hvad besluttede Økonomiudvalget om forpagtningsaftalen med Nordholm Ejendomme?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("Økonomiudvalget anbefaler overfor Byrådet");
    expect(answer.text).toContain("Indstillingen, som beslutningen henviser til:");
    expect(answer.text).toContain("29.400 kr.");
    expect(answer.citations.map((citation) => citation.sectionKind)).toEqual([
      "beslutning",
      "indstilling",
    ]);
  });

  it("gives who voted how", async () => {
    const answer = await answers.answerQuestion(
      "Hvem stemte imod høringssvaret om havvindmølleparken ved Aflandshage?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("Med stemmerne 20 for og 1 imod");
    expect(answer.text).toContain("Imod stemte: (Ø).");
  });

  it("gives the number from the entry of a long list", async () => {
    const answer = await answers.answerQuestion(
      "Hvor langt fra byggepladsen skal bygherre orientere naboerne om arbejde efter kl. 18?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("i en radius af 100 meter fra byggepladsen");
  });

  it("gives the person named, not the one the question names", async () => {
    const answer = await answers.answerQuestion(
      "Hvem afløste Søren Thorsager i bestyrelsen for I/S Infra Service?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toContain("Jesper Kinch-Jensen");
  });

  it("gives the date asked for", async () => {
    const answer = await answers.answerQuestion(
      "Hvornår skal høringssvaret om havvindmølleparken ved Aflandshage senest afgives?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toBe(
      "Høringssvar skal afgives senest den 6. september 2022.",
    );
  });

  it("gives a duration written in words", async () => {
    const answer = await answers.answerQuestion(
      "Hvor længe skal lokalplanforslaget for plejecentret i Lunden i offentlig høring?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("otte ugers offentlig høring");
  });

  it("quotes a note of who left and came back when the question asks about that person", async () => {
    const answer = await answers.answerQuestion(
      "Hvornår kom Martin Geertsen tilbage til forretningsudvalgets møde i november 2022?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toBe(
      "Martin Geertsen (V) forlod mødet kl. 12:03 og kom tilbage kl. 12:45.",
    );
  });

  it("gives this meeting's appointment, not the earlier ones the case history recounts", async () => {
    const answer = await answers.answerQuestion(
      "Hvem udpegede Odense Byråd til bestyrelsen for I/S Infra Service i stedet for rådmanden?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toBe(
      "Godkendt, at gruppe A har udpeget byrådsmedlem Jesper Kinch-Jensen som nyt medlem i stedet for rådmand Søren Thorsager.",
    );
  });
});
