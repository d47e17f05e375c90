import { createDanishAnalyzer, type TextAnalyzer } from "../index/danish-analyzer.ts";
import type { MeetingCatalog } from "../minutes/catalog.ts";
import { describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { llmFailureReason, PHRASES } from "./answer-text.ts";
import {
  type Candidate,
  judgeRelevance,
  likeliestFirst,
  prepareCandidates,
  relevantCandidates,
} from "./candidates.ts";
import { citeItem, composeExtractiveAnswer, type ExtractiveOptions } from "./extractive-answer.ts";
import { createItemAnalyses } from "./item-analysis.ts";
import { detectLanguage } from "./language.ts";
import { composeLlmAnswer } from "./llm-answer.ts";
import { DEFAULT_LLM_BUDGET_MS, REWRITE_SHARE, startLlmBudget } from "./llm-budget.ts";
import type { Prompts } from "./prompts.ts";
import { rewriteQuery } from "./query-rewrite.ts";
import { answerKindOf, looksLikeFollowUp } from "./question-intent.ts";
import { loadSynonyms } from "./synonyms.ts";
import {
  type Concept,
  dropUnknownPhrases,
  mergeConcepts,
  questionConcepts,
  type SynonymExpander,
  termIndexOf,
} from "./term-evidence.ts";
import { itemText, type TermAnalyzer } from "./term-matching.ts";
import { buildTermStatistics, type TermStatistics } from "./term-statistics.ts";
import type {
  Answer,
  AnswerOptions,
  AnswerQuestion,
  ChatModel,
  Citation,
  Language,
  Retriever,
} from "./types.ts";

export interface AnswerQuestionOptions {
  retriever: Retriever;
  catalog: MeetingCatalog;
  /** The LLM path is on when a chat model is given. */
  chatModel?: ChatModel | null;
  prompts: Prompts;
  publicBaseUrl: string;
  logger: Logger;
  /** Rewrite English and follow-up questions into Danish search queries first (LLM only). */
  queryRewrite?: boolean;
  /**
   * The most the LLM may take per question, rewrite and retries included (see llm-budget.ts);
   * 8 s by default. The rewrite gets at most a third of it.
   */
  llmBudgetMs?: number;
  /**
   * Judges evidence on the lexical index's terms; by default the index's Danish analyser,
   * taught the catalogue's words.
   */
  analyzer?: TermAnalyzer;
  /**
   * How many items hold each term, for weighing evidence; by default counted over the catalogue
   * with `analyzer` when the pipeline is built. Must count by the same analyser.
   */
  termStatistics?: TermStatistics;
  /** Synonyms and English → Danish translations; by default data/synonyms.json, if readable. */
  synonyms?: SynonymExpander | null;
  /** Items retrieved per question. */
  retrievalLimit?: number;
  /** Sees every question's candidates, as judged; for calibrating the relevance model. */
  observeCandidates?: (question: string, language: Language, candidates: Candidate[]) => void;
}

const DEFAULT_RETRIEVAL_LIMIT = 8;
const CANDIDATES = 8;
const RELATED_ITEMS = 3;
const FOLLOW_UP_TURNS = 2;

export function createAnswerQuestion(options: AnswerQuestionOptions): AnswerQuestion {
  const { retriever, catalog, logger } = options;
  const chatModel = options.chatModel ?? null;
  // Everything the answers weigh evidence by is built here, with the pipeline, not per question.
  const analyzer = options.analyzer ?? catalogAnalyzer(catalog);
  const index = termIndexOf(
    options.termStatistics ?? buildTermStatistics(catalog.list(), analyzer),
  );
  const itemAnalyses = createItemAnalyses(analyzer);
  const synonymsLoaded: Promise<SynonymExpander | undefined> =
    options.synonyms !== undefined
      ? Promise.resolve(options.synonyms ?? undefined)
      : loadSynonyms().catch((error: unknown) => {
          logger.warn({ error: describeError(error) }, "no synonyms; answering without them");
          return undefined;
        });

  return async function answerQuestion(question, answerOptions: AnswerOptions = {}) {
    const started = performance.now();
    const budget = startLlmBudget(options.llmBudgetMs ?? DEFAULT_LLM_BUDGET_MS);
    const language = detectLanguage(question);
    const kind = answerKindOf(question);
    const history = answerOptions.history ?? [];
    const synonyms = await synonymsLoaded;
    const ownConcepts = questionConcepts(question, analyzer, synonyms);

    const earlierQuestions = history
      .filter((turn) => turn.role === "user" && turn.text.trim() !== "")
      .slice(-FOLLOW_UP_TURNS)
      .map((turn) => turn.text);
    const followUp = earlierQuestions.length > 0 && looksLikeFollowUp(question, ownConcepts.length);

    const extraQueries = followUp ? [...earlierQuestions] : [];
    const rewrites =
      chatModel && options.queryRewrite && (language === "en" || followUp)
        ? await rewriteQuery({
            chatModel,
            systemPrompt: options.prompts.queryRewrite,
            question,
            history,
            logger,
            withinMs: budget.shareMs(REWRITE_SHARE),
            ...(answerOptions.signal ? { signal: answerOptions.signal } : {}),
          })
        : [];
    extraQueries.push(...rewrites);

    // A follow-up is about what the thread was about; rewrites only help find it.
    const concepts = dropUnknownPhrases(
      mergeConcepts([
        ...ownConcepts,
        ...(followUp
          ? earlierQuestions.flatMap((text) => questionConcepts(text, analyzer, synonyms))
          : []),
        ...rewrites.flatMap((query) =>
          questionConcepts(query, analyzer).map(
            (concept): Concept => ({ ...concept, bonus: true }),
          ),
        ),
      ]),
      index,
    );

    const retrieved = await retriever.retrieve(question, {
      limit: options.retrievalLimit ?? DEFAULT_RETRIEVAL_LIMIT,
      ...(answerOptions.filters ? { filters: answerOptions.filters } : {}),
      ...(answerOptions.viewer ? { viewer: answerOptions.viewer } : {}),
      ...(extraQueries.length > 0 ? { extraQueries } : {}),
    });
    const candidates = prepareCandidates(retrieved, {
      catalog,
      concepts,
      analyzer,
      termIndex: index,
      limit: CANDIDATES,
      itemAnalyses,
      language,
      kind,
      question,
    });
    options.observeCandidates?.(question, language, candidates);
    const relevance = judgeRelevance(candidates);

    const finish = (answer: Answer): Answer => {
      logger.info(
        {
          language,
          kind,
          followUp,
          rewrites: rewrites.length,
          retrieved: retrieved.length,
          mode: answer.mode,
          abstained: answer.abstained,
          citations: answer.citations.length,
          note: answer.note !== undefined,
          ms: Math.round(performance.now() - started),
        },
        "question answered",
      );
      return answer;
    };

    if (!relevance.relevant || !relevance.best) {
      return finish({
        text:
          candidates.length > 0 ? PHRASES[language].abstainWithRelated : PHRASES[language].abstain,
        citations: [],
        mode: chatModel ? "llm" : "extractive",
        abstained: true,
        language,
        related: relatedCitations(candidates, options.publicBaseUrl),
      });
    }

    // Only items relevant in their own right are quoted and cited beside the best one.
    const ordered = relevantCandidates(candidates);
    const extractiveOptions: ExtractiveOptions = {
      language,
      kind,
      concepts,
      termIndex: index,
      analyzer,
      publicBaseUrl: options.publicBaseUrl,
    };
    const extractive = (): Answer => {
      const composed = composeExtractiveAnswer(ordered, extractiveOptions);
      return {
        text: composed.text,
        citations: composed.citations,
        mode: "extractive",
        abstained: composed.citations.length === 0,
        language,
        related: [],
      };
    };

    if (!chatModel) return finish(extractive());

    try {
      const outcome = await composeLlmAnswer(ordered, {
        ...extractiveOptions,
        chatModel,
        systemPrompt: options.prompts.answer,
        question,
        history,
        withinMs: budget.remainingMs(),
        ...(answerOptions.signal ? { signal: answerOptions.signal } : {}),
      });
      if (outcome.kind === "answer") {
        if (outcome.droppedCitations > 0) {
          logger.warn(
            { model: chatModel.modelId, dropped: outcome.droppedCitations },
            "dropped citations to sources that were not given",
          );
        }
        return finish({
          text: outcome.text,
          citations: outcome.citations,
          mode: "llm",
          abstained: false,
          language,
          related: [],
        });
      }
      if (outcome.kind === "abstain") {
        return finish({
          text: PHRASES[language].abstainWithRelated,
          citations: [],
          mode: "llm",
          abstained: true,
          language,
          related: relatedCitations(candidates, options.publicBaseUrl),
        });
      }
      logger.warn(
        { model: chatModel.modelId, dropped: outcome.droppedCitations },
        "LLM answer had no valid citations; answering extractively",
      );
      return finish({ ...extractive(), note: PHRASES[language].llmFailed("no_valid_citations") });
    } catch (error) {
      const reason = llmFailureReason(error);
      logger.warn(
        { model: chatModel.modelId, reason, error: describeError(error) },
        "LLM answer failed; answering extractively",
      );
      return finish({ ...extractive(), note: PHRASES[language].llmFailed(reason) });
    }
  };
}

/** A Danish analyser taught the words of every item of the catalogue (what the answer stage judges by). */
export function catalogAnalyzer(catalog: MeetingCatalog): TextAnalyzer {
  const danish = createDanishAnalyzer();
  danish.learn(
    catalog.list().flatMap((meeting) => meeting.items.map((item) => itemText(item, meeting.body))),
  );
  return danish;
}

/** The most probably relevant items, cited at their best passage, for "maybe related". */
function relatedCitations(candidates: Candidate[], publicBaseUrl: string): Citation[] {
  return likeliestFirst(candidates)
    .slice(0, RELATED_ITEMS)
    .map((candidate) => {
      const passage = candidate.retrieved.passages[0];
      const section = passage
        ? candidate.item.sections.find((s) => s.slug === passage.sectionSlug)
        : undefined;
      return citeItem(candidate, section, passage?.text ?? "", publicBaseUrl);
    });
}
