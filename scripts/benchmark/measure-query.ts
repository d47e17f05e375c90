import { createAnsweringPipeline } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { UNRESTRICTED_VIEWER } from "../../src/minutes/visibility.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { loadQuestions } from "../eval/questions.ts";
import type { QueryFigures, WorkerRequest } from "./figures.ts";
import { peakRssMb } from "./measure-build.ts";
import { round, sampleLatencies, timed } from "./stats.ts";

/**
 * The query stage: a fresh process builds the answering pipeline the way the server does
 * (createAnsweringPipeline over DATA_DIR, so over the corpus and index already on disk), then
 * times `retriever.retrieve` and `answerQuestion` over the evaluation questions. With an embedder
 * configured (the real-model stage), the same over a DATA_DIR with nothing built yet.
 */

export async function measureQuery(
  request: Extract<WorkerRequest, { kind: "query" }>,
): Promise<QueryFigures> {
  const started = performance.now();
  const logger = createSilentLogger();
  const questions = (await loadQuestions(request.questionsFile)).map((question) => question.q);
  const config = loadConfig(request.env);
  const limits = { rounds: request.rounds, timeLimitMs: request.sampleSeconds * 1000 };

  const load = await timed(() => createAnsweringPipeline(config, logger));
  const pipeline = load.value;
  const { retriever } = pipeline.loaded;
  const status = retriever.status();
  if (config.embeddings.provider !== "none" && !status.dense) {
    throw new Error(`the configured embedder is not in use: ${status.denseReason ?? "no reason"}`);
  }

  const retrieval = await sampleLatencies(questions, limits, (question) =>
    retriever.retrieve(question, { viewer: UNRESTRICTED_VIEWER }),
  );
  let abstained = 0;
  const answers = await sampleLatencies(questions, limits, async (question, warmUp) => {
    const answer = await pipeline.answerQuestion(question, { viewer: UNRESTRICTED_VIEWER });
    if (answer.abstained && !warmUp) abstained += 1;
  });

  const leg = status.dense ? `hybrid (${status.embedderId ?? "embedder"})` : "lexical";
  return {
    pipelineLoadMs: load.ms,
    embedded: pipeline.loaded.index.stats.embedded,
    retrieval: { leg, latency: retrieval },
    answers: {
      mode: pipeline.llmEnabled ? "llm" : "extractive",
      retrieval: leg,
      abstained,
      latency: answers,
    },
    peakRssMb: peakRssMb(),
    wallMs: round(performance.now() - started),
  };
}
