export {
  type AnswerPool,
  type AnswerPoolOptions,
  type AnswerPoolStatus,
  type CorpusExpectation,
  createAnswerPool,
  type PooledAnswering,
  type SpawnWorker,
} from "./answer-pool.ts";
