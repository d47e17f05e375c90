import { runServer } from "./cli/serve.ts";

/** `npm start`: loadConfig(process.env) → createApplication → start; SIGTERM/SIGINT → stop. */
await runServer();
