import { detectLanguage } from "../answer/language.ts";
import type { Language } from "../answer/types.ts";

/** What `/referat <text>` asks for. The sub-command word decides the language of the reply. */
export type ReferatCommand =
  | { kind: "help"; language: Language }
  | { kind: "meetings"; language: Language; body?: string }
  | { kind: "summary"; language: Language; reference: string }
  | { kind: "question"; language: Language; question: string };

const HELP = new Map<string, Language>([
  ["hjælp", "da"],
  ["hjaelp", "da"],
  ["help", "en"],
  ["?", "da"],
]);
const MEETINGS = new Map<string, Language>([
  ["møder", "da"],
  ["moeder", "da"],
  ["meetings", "en"],
]);
const SUMMARY = new Map<string, Language>([
  ["resume", "da"],
  ["resumé", "da"],
  ["summary", "en"],
  ["summarise", "en"],
  ["summarize", "en"],
]);

export function parseReferatCommand(text: string): ReferatCommand {
  const trimmed = text.replace(/\s+/g, " ").trim();
  if (trimmed === "") return { kind: "help", language: "da" };
  const [first = "", ...restWords] = trimmed.split(" ");
  const word = first.toLowerCase();
  const rest = restWords.join(" ");

  const helpLanguage = HELP.get(word);
  if (helpLanguage && rest === "") return { kind: "help", language: helpLanguage };

  const meetingsLanguage = MEETINGS.get(word);
  if (meetingsLanguage && rest.split(" ").length <= 3) {
    return rest === ""
      ? { kind: "meetings", language: meetingsLanguage }
      : { kind: "meetings", language: meetingsLanguage, body: rest };
  }

  const summaryLanguage = SUMMARY.get(word);
  if (summaryLanguage) {
    return {
      kind: "summary",
      language: summaryLanguage,
      reference: rest === "" ? (summaryLanguage === "en" ? "latest" : "seneste") : rest,
    };
  }

  return { kind: "question", language: detectLanguage(trimmed), question: trimmed };
}
