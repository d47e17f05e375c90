import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPageAccess } from "../../src/http/page-access.ts";
import { createMeetingCatalog } from "../../src/minutes/catalog.ts";
import type { Meeting } from "../../src/minutes/model.ts";
import {
  applyVisibilityRules,
  canSee,
  PUBLIC_VIEWER,
  readVisibilityRules,
  UNRESTRICTED_VIEWER,
} from "../../src/minutes/visibility.ts";

function meeting(body: string, overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: `${body.toLowerCase().replace(/\W+/g, "-")}-2024-01-01`,
    body,
    organisation: null,
    date: "2024-01-01",
    time: null,
    location: null,
    documentType: "referat",
    sourceFile: `${body}.txt`,
    format: "text",
    sourceUrl: null,
    visibility: "public",
    audiences: [],
    warnings: [],
    items: [
      {
        number: 1,
        title: "Godkendelse af dagsorden",
        caseNumber: null,
        closed: false,
        lineStart: 1,
        lineEnd: 2,
        sections: [],
      },
    ],
    ...overrides,
  } as Meeting;
}

const staffRules = {
  internal: [
    {
      name: "staff committees",
      bodies: ["MED", "LOM", "Samarbejdsudvalget"],
      folders: ["intern/"],
      audiences: ["C0MED"],
    },
  ],
};

describe("visibility rules", () => {
  it("makes a staff committee internal by a whole word of its name, acronyms only in capitals", () => {
    const lom = applyVisibilityRules(meeting("LOM Psykiatri og Socialt Udsatte"), staffRules);
    expect(lom).toMatchObject({ visibility: "internal", audiences: ["C0MED"] });
    expect(applyVisibilityRules(meeting("Hoved-MED"), staffRules).visibility).toBe("internal");
    expect(applyVisibilityRules(meeting("Samarbejdsudvalget"), staffRules).visibility).toBe(
      "internal",
    );
    // "med" the preposition, and a name that merely starts with the letters, stay public.
    for (const body of ["Udvalg for samarbejde med erhvervslivet", "Lomborg Lokalråd"]) {
      expect(applyVisibilityRules(meeting(body), staffRules).visibility).toBe("public");
    }
  });

  it("makes minutes under a folder internal, and leaves a sidecar's own audiences alone", () => {
    const inFolder = meeting("Byrådet", { sourceFile: "intern/byraadet.txt" });
    expect(applyVisibilityRules(inFolder, staffRules).visibility).toBe("internal");
    const sidecarInternal = meeting("MED Skole", {
      visibility: "internal",
      audiences: ["C0SKOLE"],
    });
    expect(applyVisibilityRules(sidecarInternal, staffRules).audiences).toEqual(["C0SKOLE"]);
  });

  it("refuses a rules file it cannot use, naming the file and the problem", async () => {
    const directory = await mkdtemp(join(tmpdir(), "referat-rules-"));
    const file = join(directory, "rules.json");
    await writeFile(file, JSON.stringify({ internal: [{ name: "nothing to match" }] }));
    await expect(readVisibilityRules(file)).rejects.toThrow(/rules\.json.*bodies or folders/su);
    await writeFile(file, "{ not json");
    await expect(readVisibilityRules(file)).rejects.toThrow(/not valid JSON/u);
    await expect(readVisibilityRules(join(directory, "missing.json"))).rejects.toThrow(
      /cannot be read/u,
    );
  });
});

describe("who sees a meeting", () => {
  const internal = meeting("MED Skole", { visibility: "internal", audiences: ["C0MED", "S0HR"] });
  const open = meeting("Byrådet");

  it("shows public minutes to anyone and internal ones only to their audiences", () => {
    expect(canSee(PUBLIC_VIEWER, open)).toBe(true);
    expect(canSee(PUBLIC_VIEWER, internal)).toBe(false);
    expect(canSee({ audiences: ["C0OTHER"] }, internal)).toBe(false);
    expect(canSee({ audiences: ["U1", "S0HR"] }, internal)).toBe(true);
    expect(canSee({ audiences: ["*"] }, internal)).toBe(true);
    expect(canSee(UNRESTRICTED_VIEWER, internal)).toBe(true);
  });

  it("lists, finds and resolves only what the viewer may see (latest is the latest visible)", () => {
    const newer = meeting("MED Skole", {
      id: "med-skole-2024-06-01",
      date: "2024-06-01",
      visibility: "internal",
      audiences: ["C0MED"],
    });
    const catalog = createMeetingCatalog([open, newer]);
    const publicView = catalog.visibleTo(PUBLIC_VIEWER);
    expect(publicView.list().map((entry) => entry.id)).toEqual([open.id]);
    expect(publicView.get(newer.id)).toBeUndefined();
    expect(publicView.resolve("latest")?.id).toBe(open.id);
    expect(publicView.resolve(newer.id)).toBeUndefined();
    expect(catalog.visibleTo({ audiences: ["C0MED"] }).resolve("latest")?.id).toBe(newer.id);
  });
});

describe("signed page links", () => {
  it("opens the one meeting it was signed for, until it expires", () => {
    let now = 1_700_000_000_000;
    const access = createPageAccess({ secret: "s3cret", ttlMs: 60_000, now: () => now });
    const url = access.sign(
      "http://localhost:3000/meetings/med-2024-01-01#punkt-1",
      "med-2024-01-01",
    );
    expect(url).toMatch(
      /^http:\/\/localhost:3000\/meetings\/med-2024-01-01\?access=\d+\.[\w-]{43}#punkt-1$/u,
    );
    const token = new URL(url).searchParams.get("access") ?? "";
    expect(access.check("med-2024-01-01", token)).toBe("granted");
    expect(access.check("other-2024-01-01", token)).toBe("invalid");
    expect(access.check("med-2024-01-01", `${token.slice(0, -1)}A`)).not.toBe("granted");
    expect(access.check("med-2024-01-01", undefined)).toBe("invalid");
    const otherKey = createPageAccess({ secret: "other", ttlMs: 60_000, now: () => now });
    expect(otherKey.check("med-2024-01-01", token)).toBe("invalid");
    now += 61_000;
    expect(access.check("med-2024-01-01", token)).toBe("expired");
  });
});
