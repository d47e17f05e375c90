import { join } from "node:path";
import { loadSynonymsOrNone } from "../../src/answer/synonyms.ts";
import { chunkMeetings } from "../../src/index/chunking.ts";
import { ingestDirectory } from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { loadQuestions } from "../eval/questions.ts";
import type { PeerFigures, PeersFigures, WorkerRequest } from "./figures.ts";
import { LEXICAL_PEERS, PEER_LIMIT, type PeerBuilder, peerDocuments } from "./lexical-peers.ts";
import { peakRssMb } from "./measure-build.ts";
import { round, sampleLatencies, timed } from "./stats.ts";

/**
 * The peers stage: the chunks of the corpus ingested in the build stage (re-read from
 * corpus.json, nothing parsed), each peer built over them in turn and asked the evaluation
 * questions with Referat's synonym expansions, computed inside the timed call as Referat's
 * retriever does.
 */

export async function measurePeers(
  request: Extract<WorkerRequest, { kind: "peers" }>,
): Promise<PeersFigures> {
  const started = performance.now();
  const logger = createSilentLogger();
  const questions = (await loadQuestions(request.questionsFile)).map((question) => question.q);
  const { meetings } = await ingestDirectory(request.minutesDir, {
    corpusFile: join(request.dataDir, "corpus.json"),
  });
  const documents = peerDocuments(chunkMeetings(meetings));
  const synonyms = await loadSynonymsOrNone(undefined, logger);
  const limits = { rounds: request.rounds, timeLimitMs: request.sampleSeconds * 1000 };

  const peers: PeerFigures[] = [];
  for (const [position, builder] of LEXICAL_PEERS.entries()) {
    peers.push(
      await measurePeer(builder, documents, join(request.scratchDir, `peer-${position}.sqlite`)),
    );
  }

  async function measurePeer(
    builder: PeerBuilder,
    docs: typeof documents,
    file: string,
  ): Promise<PeerFigures> {
    const build = await timed(() => builder.build(docs, file));
    const peer = build.value;
    try {
      let hits = 0;
      let calls = 0;
      const latency = await sampleLatencies(questions, limits, async (question) => {
        hits += peer.search(question, synonyms.expand(question)).length;
        calls += 1;
      });
      return {
        name: peer.name,
        description: peer.description,
        buildMs: build.ms,
        diskBytes: peer.sizeBytes(),
        meanHits: round(calls > 0 ? hits / calls : 0),
        latency,
      };
    } finally {
      peer.close();
    }
  }

  return {
    chunks: documents.length,
    limit: PEER_LIMIT,
    peers,
    peakRssMb: peakRssMb(),
    wallMs: round(performance.now() - started),
  };
}
