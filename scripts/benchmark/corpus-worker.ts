import { workerRequestSchema } from "./figures.ts";
import { measureCorpus } from "./measure-corpus.ts";

/**
 * Worker entry: measures one corpus in its own process (so memory figures belong to that corpus
 * alone) and prints its figures as JSON on stdout. The driver passes the request as argv[2].
 */

const request = workerRequestSchema.parse(JSON.parse(process.argv[2] ?? "null"));
const figures = await measureCorpus(request);
process.stdout.write(`${JSON.stringify(figures)}\n`);
