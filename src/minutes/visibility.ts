import { readFile } from "node:fs/promises";
import { z } from "zod";
import { AppError } from "../shared/errors.ts";
import type { Meeting } from "./model.ts";

/**
 * Who may see which minutes. A meeting is public, or internal to the audiences it names (Slack
 * channel ids, Slack user or user group ids, HTTP token scopes). Whoever asks is a Viewer: the
 * audiences they belong to. Every path to minutes text (retrieval, meeting lists, summaries,
 * source pages) asks `canSee` first, so what a viewer may not see is never ranked at all.
 */

export interface Viewer {
  /** The audiences this viewer belongs to; an internal meeting naming one of them is visible. */
  readonly audiences: readonly string[];
  /** Sees every meeting: the operator's own tools (CLI, evaluation), never a remote caller. */
  readonly unrestricted?: boolean;
}

/** Anyone: a browser without a signed link, an HTTP client without a scoped token. */
export const PUBLIC_VIEWER: Viewer = Object.freeze({ audiences: Object.freeze([]) });

/** The operator at the command line, who can read DATA_DIR anyway. */
export const UNRESTRICTED_VIEWER: Viewer = Object.freeze({
  audiences: Object.freeze([]),
  unrestricted: true,
});

/** The audience that, granted to a token, sees every internal meeting. */
export const EVERY_AUDIENCE = "*";

export function canSee(
  viewer: Viewer,
  meeting: Pick<Meeting, "visibility" | "audiences">,
): boolean {
  if (meeting.visibility === "public" || viewer.unrestricted) return true;
  if (viewer.audiences.includes(EVERY_AUDIENCE)) return true;
  return meeting.audiences.some((audience) => viewer.audiences.includes(audience));
}

/** A stable key for caches of per-viewer views ("public", "*", "C123|S456"). */
export function viewerKey(viewer: Viewer): string {
  if (viewer.unrestricted) return "*unrestricted";
  if (viewer.audiences.length === 0) return "public";
  return [...new Set(viewer.audiences)].sort().join("|");
}

/**
 * A rule that makes minutes internal: those of a body whose name holds one of `bodies` as whole
 * words ("LOM" matches "LOM Psykiatri og Socialt Udsatte", not "Lomborg"), or whose file
 * lies under one of `folders` (relative to the minutes folder). Rules only ever make minutes
 * internal; a rule never publishes what a sidecar made internal.
 */
const ruleSchema = z
  .object({
    /** Said in logs and reports: which rule made a meeting internal. */
    name: z.string().trim().min(1),
    bodies: z.array(z.string().trim().min(1)).default([]),
    folders: z.array(z.string().trim().min(1)).default([]),
    /** Who may see what the rule matches; empty means nobody but the operator's own tools. */
    audiences: z.array(z.string().trim().min(1)).default([]),
  })
  .strict()
  .refine((rule) => rule.bodies.length + rule.folders.length > 0, {
    message: "a rule needs at least one of bodies or folders",
  });

export const visibilityRulesSchema = z.object({ internal: z.array(ruleSchema) }).strict();
export type VisibilityRules = z.infer<typeof visibilityRulesSchema>;
export type VisibilityRule = VisibilityRules["internal"][number];

export const NO_VISIBILITY_RULES: VisibilityRules = { internal: [] };

/** Reads a rules file; a broken one is an error naming the file (never a silent "all public"). */
export async function readVisibilityRules(path: string): Promise<VisibilityRules> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new AppError("config_invalid", `Visibility rules ${path} cannot be read`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError("config_invalid", `Visibility rules ${path} are not valid JSON`, {
      cause: error,
    });
  }
  const parsed = visibilityRulesSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      "config_invalid",
      `Visibility rules ${path}: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** The rules that match a meeting, in file order. */
export function matchingRules(meeting: Meeting, rules: VisibilityRules): VisibilityRule[] {
  const bodyWords = wordsOf(meeting.body);
  const file = meeting.sourceFile.toLowerCase();
  return rules.internal.filter(
    (rule) =>
      rule.bodies.some((body) => containsPhrase(bodyWords, wordsOf(body))) ||
      rule.folders.some((folder) => file.startsWith(`${trimSlashes(folder).toLowerCase()}/`)),
  );
}

function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");
}

/**
 * Whether `phrase` occurs as consecutive words of `words`. A word written in capitals in a rule
 * (an acronym: "MED", "LOM") matches only in capitals, so "MED" is not the preposition "med";
 * other words match whatever their case.
 */
function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  const same = (word: string, wanted: string) =>
    wanted.length > 1 && wanted === wanted.toUpperCase() && wanted !== wanted.toLowerCase()
      ? word === wanted
      : word.toLowerCase() === wanted.toLowerCase();
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((wanted, offset) => same(words[start + offset] ?? "", wanted))) return true;
  }
  return false;
}

/**
 * The meeting as the rules leave it: a public meeting that a rule matches becomes internal to
 * the matching rules' audiences. A meeting a sidecar made internal keeps the sidecar's audiences
 * (the nearer, more specific word), and one no rule matches is unchanged.
 */
export function applyVisibilityRules(meeting: Meeting, rules: VisibilityRules): Meeting {
  if (meeting.visibility === "internal") return meeting;
  const matched = matchingRules(meeting, rules);
  if (matched.length === 0) return meeting;
  const audiences = new Set(matched.flatMap((rule) => rule.audiences));
  return { ...meeting, visibility: "internal", audiences: [...audiences] };
}

function trimSlashes(path: string): string {
  return path
    .split("/")
    .filter((part) => part !== "")
    .join("/");
}
