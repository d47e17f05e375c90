import { parseArgs } from "node:util";
import { catalogAnalyzer } from "../../src/answer/answer-question.ts";
import { prepareCandidates } from "../../src/answer/candidates.ts";
import { composeExtractiveAnswer } from "../../src/answer/extractive-answer.ts";
import { detectLanguage } from "../../src/answer/language.ts";
import { answerKindOf } from "../../src/answer/question-intent.ts";
import { UNRANKED_SIGNALS } from "../../src/answer/retriever.ts";
import {
  dropUnknownPhrases,
  mergeConcepts,
  questionConcepts,
  termIndexOf,
} from "../../src/answer/term-evidence.ts";
import { buildTermStatistics } from "../../src/answer/term-statistics.ts";
import type { RetrievedItem } from "../../src/answer/types.ts";
import { loadRetriever } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createMeetingCatalog } from "../../src/minutes/index.ts";
import { UNRESTRICTED_VIEWER } from "../../src/minutes/visibility.ts";
import { createLogger } from "../../src/shared/logger.ts";
import { loadQuestions } from "../eval/questions.ts";

/**
 * `tsx scripts/dev/answer-from-expected-item.ts --questions FILE [--minutes DIR] [--show]`
 *
 * What the extractive answer quotes when the expected item is the one answered from, whatever
 * retrieval and the relevance judgement made of the question: the share of answerable questions
 * whose quote holds every `must` string. It measures the answer stage alone (which sentences of
 * the right item are quoted), apart from finding the item.
 */

const { values } = parseArgs({
  options: {
    questions: { type: "string", default: "../shared/eval/questions.jsonl" },
    minutes: { type: "string" },
    show: { type: "boolean", default: false },
  },
});

const config = loadConfig(process.env);
const logger = createLogger({ level: "warn" });
const questions = await loadQuestions(values.questions);
const loaded = await loadRetriever(
  config,
  logger,
  values.minutes === undefined ? {} : { minutesDir: values.minutes },
);
const catalog = createMeetingCatalog(loaded.meetings);
const analyzer = catalogAnalyzer(catalog);
const termIndex = termIndexOf(buildTermStatistics(catalog.list(), analyzer));

const totals = new Map<string, { hit: number; all: number }>();
for (const question of questions) {
  const expected = question.expect[0];
  if (!expected) continue;
  const meeting = catalog
    .list()
    .find(
      (candidate) =>
        candidate.date === expected.date &&
        candidate.items.some((item) =>
          item.title.toLocaleLowerCase("da").includes(expected.title.toLocaleLowerCase("da")),
        ),
    );
  const item = meeting?.items.find((candidate) =>
    candidate.title.toLocaleLowerCase("da").includes(expected.title.toLocaleLowerCase("da")),
  );
  if (!meeting || !item) {
    process.stdout.write(`${question.id}: expected item not found\n`);
    continue;
  }
  const retrieved = await loaded.retriever.retrieve(question.q, {
    limit: 8,
    viewer: UNRESTRICTED_VIEWER,
  });
  const found = retrieved.find(
    (entry) => entry.meeting.id === meeting.id && entry.item.number === item.number,
  );
  const first: RetrievedItem = found ?? {
    meeting: { id: meeting.id, body: meeting.body, date: meeting.date },
    item: {
      number: item.number,
      title: item.title,
      caseNumber: item.caseNumber,
      closed: item.closed,
    },
    score: 0,
    legs: [],
    signals: UNRANKED_SIGNALS,
    passages: [],
  };
  const concepts = dropUnknownPhrases(
    mergeConcepts(questionConcepts(question.q, analyzer, loaded.synonyms)),
    termIndex,
  );
  const candidates = prepareCandidates([first], {
    catalog,
    concepts,
    analyzer,
    termIndex,
    limit: 1,
    language: detectLanguage(question.q),
    kind: answerKindOf(question.q),
    question: question.q,
  });
  const kind = answerKindOf(question.q);
  const answer = composeExtractiveAnswer(candidates, {
    language: detectLanguage(question.q),
    kind,
    concepts,
    termIndex,
    analyzer,
    publicBaseUrl: "http://referat.test",
  });
  const lower = answer.text.toLocaleLowerCase("da");
  const hit = question.must.every((must) => lower.includes(must.toLocaleLowerCase("da")));
  for (const key of [question.lang, "overall"]) {
    const total = totals.get(key) ?? { hit: 0, all: 0 };
    total.all += 1;
    if (hit) total.hit += 1;
    totals.set(key, total);
  }
  if (values.show || !hit) {
    process.stdout.write(
      `${hit ? "HIT " : "MISS"} ${question.id} (${question.lang}, ${kind}) ${question.q}\n  must: ${question.must.join(" | ")}\n  ${answer.text.replace(/\n/g, "\n  ")}\n\n`,
    );
  }
}
for (const [key, total] of totals) {
  process.stdout.write(
    `${key.padEnd(8)} ${total.hit}/${total.all} = ${(total.hit / Math.max(1, total.all)).toFixed(3)}\n`,
  );
}
