import type { Command } from "commander";
import { createAnswerQuestion } from "../answer/answer-question.ts";
import { createOpenAiChatModel } from "../answer/chat-model.ts";
import { formatCitationLabel } from "../answer/citations.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../answer/prompts.ts";
import type { Answer, ChatModel, Citation, SearchFilters } from "../answer/types.ts";
import { type Config, loadConfig } from "../config/index.ts";
import { createMeetingCatalog } from "../minutes/index.ts";
import { AppError, describeError, isAppError } from "../shared/errors.ts";
import { createLogger, type Logger } from "../shared/logger.ts";
import { loadRetriever } from "./load-retriever.ts";

/**
 * `referat ask "<question>"`: the answer with its citations. `--json` prints
 * `{ text, mode, abstained, citations: [{ meetingId, body, date, number, title, section, quote,
 * url, label, closed }], language, related, note? }`.
 */

interface AskCommandOptions {
  json?: boolean;
  body?: string;
  meeting?: string;
  from?: string;
  to?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerAskCommand(program: Command): void {
  program
    .command("ask")
    .description("answer a question from the minutes, citing the agenda items")
    .argument("<question>", "the question, in Danish or English")
    .option("--json", "print the answer as JSON")
    .option("--body <body>", "only meetings of this body (name or part of it)")
    .option("--meeting <meeting>", "only this meeting: its id, a date, or body and date")
    .option("--from <date>", "only meetings on or after this date (YYYY-MM-DD)")
    .option("--to <date>", "only meetings on or before this date (YYYY-MM-DD)")
    .action(async (question: string, options: AskCommandOptions) => {
      try {
        await runAsk(question, options);
      } catch (error) {
        reportFailure("ask", error);
      }
    });
}

async function runAsk(question: string, options: AskCommandOptions): Promise<void> {
  if (question.trim() === "") throw new AppError("bad_request", "the question is empty");
  for (const [flag, value] of [
    ["--from", options.from],
    ["--to", options.to],
  ] as const) {
    if (value !== undefined && !ISO_DATE.test(value)) {
      throw new AppError(
        "bad_request",
        `${flag} must be a date written YYYY-MM-DD, not "${value}"`,
      );
    }
  }

  const config = loadConfig(process.env);
  const logger = cliLogger(config);
  const [loaded, prompts] = await Promise.all([
    loadRetriever(config, logger),
    loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
  ]);
  const catalog = createMeetingCatalog(loaded.meetings);

  const filters: SearchFilters = {};
  if (options.body) filters.body = options.body;
  if (options.from) filters.from = options.from;
  if (options.to) filters.to = options.to;
  if (options.meeting) {
    const meeting = catalog.resolve(options.meeting);
    if (!meeting) {
      throw new AppError("meeting_not_found", `no meeting matches --meeting "${options.meeting}"`);
    }
    filters.meetingId = meeting.id;
  }

  const answerQuestion = createAnswerQuestion({
    retriever: loaded.retriever,
    catalog,
    chatModel: chatModelFrom(config, logger),
    prompts,
    publicBaseUrl: config.http.publicBaseUrl,
    logger,
    queryRewrite: config.llm.enabled && config.llm.queryRewrite,
    synonyms: loaded.synonyms,
  });
  const answer = await answerQuestion(question, { filters });
  process.stdout.write(
    options.json ? `${JSON.stringify(toPublicAnswer(answer), null, 2)}\n` : formatAnswer(answer),
  );
}

/** The public JSON shape of an answer: other tools read it, so extend it, never rename. */
export function toPublicAnswer(answer: Answer) {
  return {
    text: answer.text,
    mode: answer.mode,
    abstained: answer.abstained,
    citations: answer.citations.map((citation) => toPublicCitation(citation, answer)),
    language: answer.language,
    related: answer.related.map((citation) => toPublicCitation(citation, answer)),
    ...(answer.note === undefined ? {} : { note: answer.note }),
  };
}

export function toPublicCitation(citation: Citation, context: { language: Answer["language"] }) {
  return {
    meetingId: citation.meetingId,
    body: citation.body,
    date: citation.date,
    number: citation.number,
    title: citation.title,
    section: citation.section,
    quote: citation.quote,
    url: citation.url,
    label: formatCitationLabel(citation, context.language),
    closed: citation.closed,
  };
}

function formatAnswer(answer: Answer): string {
  const english = answer.language === "en";
  const lines: string[] = [];
  if (answer.note) lines.push(`(${answer.note})`, "");
  lines.push(answer.text, "");
  if (answer.citations.length > 0) {
    lines.push(english ? "Sources:" : "Kilder:");
    answer.citations.forEach((citation, index) => {
      lines.push(...formatCitation(citation, `[${index + 1}]`, answer.language));
    });
  }
  if (answer.related.length > 0) {
    lines.push(english ? "Maybe related:" : "Måske relateret:");
    for (const citation of answer.related)
      lines.push(...formatCitation(citation, "-", answer.language));
  }
  return `${lines.join("\n")}\n`;
}

function formatCitation(
  citation: Citation,
  marker: string,
  language: Answer["language"],
): string[] {
  const lines = [`${marker} ${formatCitationLabel(citation, language)}`, `    ${citation.url}`];
  if (citation.quote) lines.push(`    «${citation.quote}»`);
  return lines;
}

/** Progress lines would bury the answer; warnings (no embedder, LLM failures) still show. */
export function cliLogger(config: Config): Logger {
  return createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : "warn" });
}

export function chatModelFrom(config: Config, logger: Logger): ChatModel | null {
  if (!config.llm.enabled) return null;
  return createOpenAiChatModel({
    model: config.llm.model,
    timeoutMs: config.llm.timeoutMs,
    logger,
    ...(config.llm.baseUrl ? { baseUrl: config.llm.baseUrl } : {}),
    ...(config.llm.apiKey ? { apiKey: config.llm.apiKey } : {}),
  });
}

export function reportFailure(command: string, error: unknown): void {
  const code = isAppError(error) ? error.code : "unexpected";
  const message = isAppError(error) ? error.message : describeError(error);
  process.stderr.write(`referat ${command}: [${code}] ${message}\n`);
  process.exitCode = 1;
}
