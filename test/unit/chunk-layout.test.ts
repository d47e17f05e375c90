import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  chunkCorpus,
  readChunkLayout,
  serializeChunkLayout,
  sha256Of,
} from "../../src/index/chunk-layout.ts";
import { chunkMeetings } from "../../src/index/chunking.ts";
import { ingestDirectory } from "../../src/minutes/index.ts";

const { meetings } = await ingestDirectory(
  new URL("../../data/minutes/", import.meta.url).pathname,
);

describe("chunkCorpus", () => {
  it("rebuilds from a saved layout exactly the chunks the chunker makes", async () => {
    const first = chunkCorpus(meetings, null);
    expect(first.reused).toBe(0);
    expect(first.chunks).toEqual(chunkMeetings(meetings));

    const directory = await mkdtemp(join(tmpdir(), "referat-layout-"));
    try {
      const text = serializeChunkLayout(first.layout);
      await writeFile(join(directory, "chunks.json"), text);
      const saved = await readChunkLayout(join(directory, "chunks.json"), sha256Of(text));
      const again = chunkCorpus(meetings, saved);
      expect(again.reused).toBe(meetings.length);
      expect(again.chunks).toEqual(first.chunks);

      // A file that is not the one the manifest names is not used.
      await writeFile(
        join(directory, "chunks.json"),
        text.replace('"formatVersion":1', '"formatVersion":1 '),
      );
      expect(await readChunkLayout(join(directory, "chunks.json"), sha256Of(text))).toBeNull();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("chunks a changed meeting anew and reuses the others", () => {
    const saved = chunkCorpus(meetings, null).layout;
    const changed = structuredClone(meetings);
    const section = changed[0]?.items.find((item) => item.sections.length > 0)?.sections[0];
    if (!section) throw new Error("no section");
    section.text = `${section.text}\n\nTilføjet efter mødet.`;
    const result = chunkCorpus(changed, saved);
    expect(result.reused).toBe(meetings.length - 1);
    expect(result.chunks).toEqual(chunkMeetings(changed));
  });
});
