import { z } from "zod";
import { MAX_QUESTION_LENGTH } from "../answer/limits.ts";
import type { SearchFilters } from "../answer/types.ts";
import { AppError } from "../shared/errors.ts";

/** Request shapes of the JSON API; only the fields the routes use. */

export { MAX_QUESTION_LENGTH };
export const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 10;
/** Meeting ids and references (`seneste byrådsmøde 2024-05-01`) in paths. */
export const MAX_REFERENCE_LENGTH = 200;

const requiredText = (maxLength: number) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? "is required" : "must be a string"),
    })
    .trim()
    .min(1, "must not be empty")
    .max(maxLength, `must be at most ${maxLength} characters`);

const optionalText = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .optional();

const optionalDate = z
  .string({ error: "must be a date YYYY-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date YYYY-MM-DD", abort: true })
  .refine(isRealDate, "must be a real calendar date")
  .optional();

const filterFields = {
  body: optionalText,
  meetingId: optionalText,
  from: optionalDate,
  to: optionalDate,
};

const fromNotAfterTo = (filters: { from?: string | undefined; to?: string | undefined }) =>
  filters.from === undefined || filters.to === undefined || filters.from <= filters.to;

const searchFiltersSchema = z
  .object(filterFields, { error: "must be an object" })
  .refine(fromNotAfterTo, { message: "must not be before from", path: ["to"] });

export const askBodySchema = z.object(
  { question: requiredText(MAX_QUESTION_LENGTH), filters: searchFiltersSchema.optional() },
  { error: "must be a JSON object" },
);

export const searchQuerySchema = z
  .object({
    q: requiredText(MAX_QUESTION_LENGTH),
    ...filterFields,
    limit: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(MAX_SEARCH_LIMIT, `must be at most ${MAX_SEARCH_LIMIT}`)
      .default(DEFAULT_SEARCH_LIMIT),
  })
  .refine(fromNotAfterTo, { message: "must not be before from", path: ["to"] });

export const meetingListQuerySchema = z.object({ body: optionalText });

export const summaryQuerySchema = z.object({
  language: z.enum(["da", "en"], { error: "must be da or en" }).optional(),
});

export const meetingParamsSchema = z.object({ id: requiredText(MAX_REFERENCE_LENGTH) });

/** Parses `value` or throws a bad_request AppError whose message names every bad field. */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: "body" | "query" | "path",
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    return field === "" ? `${where} ${issue.message}` : `${field} ${issue.message}`;
  });
  throw new AppError("bad_request", `Invalid ${where}: ${problems.join("; ")}`);
}

/** Drops absent filters, so the result fits `SearchFilters` exactly. */
export function toSearchFilters(filters: {
  body?: string | undefined;
  meetingId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): SearchFilters {
  const result: SearchFilters = {};
  if (filters.body !== undefined) result.body = filters.body;
  if (filters.meetingId !== undefined) result.meetingId = filters.meetingId;
  if (filters.from !== undefined) result.from = filters.from;
  if (filters.to !== undefined) result.to = filters.to;
  return result;
}

function isRealDate(isoDate: string): boolean {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(isoDate);
}
