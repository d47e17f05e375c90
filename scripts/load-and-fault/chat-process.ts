import { type FaultMode, startFaultyChatServer } from "./chat-server.ts";

/**
 * The loopback LLM of one mode in a process of its own, so that its replies are not held up by
 * the load generator's busy event loop. Reports its base URL over IPC; on "stop", how many chat
 * completions it received.
 */

export type ChatProcessMessage =
  | { type: "listening"; baseUrl: string | null }
  | { type: "stopped"; received: number };

const [mode, slowMs] = process.argv.slice(2);
const server = await startFaultyChatServer(mode as FaultMode, { slowMs: Number(slowMs) });
const send = (message: ChatProcessMessage) => process.send?.(message);
send({ type: "listening", baseUrl: server.baseUrl });

await new Promise<void>((resolve) => {
  process.on("message", (message: { type?: string }) => {
    if (message.type === "stop") resolve();
  });
  process.on("disconnect", resolve);
});
const received = server.received();
await server.close();
if (process.connected) {
  send({ type: "stopped", received });
  process.disconnect();
}
