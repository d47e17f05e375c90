import { workerRequestSchema } from "./figures.ts";

/**
 * Worker entry: runs one stage of one scale in its own process (so its memory figures belong to
 * that stage alone). The driver passes the request as argv[2]; a measuring stage prints its
 * figures as JSON on stdout, the service stage talks to the driver over IPC. Each stage's module
 * is imported on its own, so a process loads only what its stage needs.
 */

const request = workerRequestSchema.parse(JSON.parse(process.argv[2] ?? "null"));
switch (request.kind) {
  case "build":
    print(await (await import("./measure-build.ts")).measureBuild(request));
    break;
  case "query":
    print(await (await import("./measure-query.ts")).measureQuery(request));
    break;
  case "peers":
    print(await (await import("./measure-peers.ts")).measurePeers(request));
    break;
  case "serve":
    await (await import("./serve-worker.ts")).serveUntilStopped(request);
    break;
}

/** Prints the figures and ends the process (a timer or handle left behind must not keep it up). */
function print(figures: unknown): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`, () => process.exit(0));
}
