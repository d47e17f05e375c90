import type { Language } from "../answer/types.ts";

/** Every word the bot shows a person, in Danish and English; the question's language picks. */
export interface Labels {
  lookingInMinutes: string;
  summarising: string;
  sources: string;
  maybeRelated: string;
  extractiveContext: string;
  generatedContext: string;
  fallbackNote: (note: string) => string;
  helpful: string;
  notHelpful: string;
  shareInChannel: string;
  /** `mention` is mrkdwn: a `<@U…>` Referat built from the sharer's id. */
  sharedBy: (mention: string) => string;
  yourQuestion: string;
  closedItem: string;
  feedbackThanks: string;
  shareExpired: string;
  meetingsHeading: string;
  noMeetings: string;
  itemsCount: (count: number) => string;
  summaryHeading: (body: string, date: string) => string;
  summaryContextExtractive: string;
  summaryContextGenerated: string;
  emptyQuestion: string;
  errorGeneric: (code: string) => string;
  errorTimeout: string;
  errorBusy: string;
  errorMeetingNotFound: (reference: string) => string;
  errorBadRequest: string;
  errorFeedback: string;
  continued: string;
  truncated: string;
  help: string;
  /** Said instead of answering outside the channels the bot is enabled in. */
  notEnabledHere: (dmsAllowed: boolean) => string;
  dmsDisabled: string;
  questionTooLong: (maxLength: number) => string;
  slowDown: string;
}

const danish: Labels = {
  lookingInMinutes: "Kigger i referaterne…",
  summarising: "Laver et resumé af mødet…",
  sources: "Kilder",
  maybeRelated: "Måske relateret",
  extractiveContext: "Uddrag fra referaterne (ekstraktivt svar)",
  generatedContext: "Genereret svar (sprogmodel): tjek kilderne",
  fallbackNote: (note) => `Bemærk: ${note}`,
  helpful: "👍 Brugbart",
  notHelpful: "👎 Ikke brugbart",
  shareInChannel: "Del i kanalen",
  sharedBy: (mention) => `Delt af ${mention}`,
  yourQuestion: "Dit spørgsmål",
  closedItem: "Lukket punkt: indholdet gengives ikke.",
  feedbackThanks: "Tak for din feedback.",
  shareExpired: "Svaret er ikke længere gemt. Stil spørgsmålet igen for at dele det.",
  meetingsHeading: "Seneste møder",
  noMeetings: "Der er ingen referater indlæst endnu.",
  itemsCount: (count) => (count === 1 ? "1 punkt" : `${count} punkter`),
  summaryHeading: (body, date) => `Resumé: ${body} ${date}`,
  summaryContextExtractive: "Resumé med uddrag fra referatet (ekstraktivt)",
  summaryContextGenerated: "Genereret resumé (sprogmodel): tjek kilderne",
  emptyQuestion:
    "Skriv et spørgsmål efter kommandoen, fx `/referat hvad blev besluttet om budgettet?`",
  errorGeneric: (code) =>
    `Beklager, noget gik galt, da jeg ledte i referaterne. Prøv igen om lidt. (fejlkode: \`${code}\`)`,
  errorTimeout: "Beklager, det tog for lang tid at finde svaret. Prøv igen om lidt.",
  errorBusy: "Jeg har travlt med andre spørgsmål lige nu. Spørg igen om et øjeblik.",
  errorMeetingNotFound: (reference) =>
    `Jeg kunne ikke finde mødet “${reference}”. Se \`/referat møder\` for de møder, jeg kender.`,
  errorBadRequest: "Jeg forstod ikke forespørgslen. Se `/referat hjælp`.",
  errorFeedback: "Beklager, din feedback kunne ikke gemmes. Prøv igen senere.",
  notEnabledHere: (dmsAllowed) =>
    `Referat er ikke slået til i denne kanal, så jeg svarer ikke her.${dmsAllowed ? " Du kan skrive til mig i en direkte besked." : ""}`,
  dmsDisabled:
    "Jeg svarer ikke på direkte beskeder. Nævn mig i en kanal, hvor Referat er slået til.",
  questionTooLong: (maxLength) =>
    `Dit spørgsmål er for langt: jeg kan højst tage ${maxLength.toLocaleString("da-DK")} tegn. Prøv at stille det kortere.`,
  slowDown:
    "Sæt farten lidt ned: du har stillet mange spørgsmål på kort tid. Prøv igen om et minut.",
  continued: "(fortsat)",
  truncated: "… (forkortet, se kilden for hele teksten)",
  help: [
    "*Referat* svarer på spørgsmål om mødereferaterne og henviser til det præcise punkt.",
    "• Nævn mig i en kanal: `@Referat hvad blev besluttet om budgettet?`: jeg svarer i en tråd, og du kan stille opfølgende spørgsmål i tråden.",
    "• Skriv til mig i en direkte besked.",
    "• `/referat &lt;spørgsmål&gt;`: svaret vises kun for dig, med en knap til at dele det i kanalen.",
    "• `/referat resume &lt;møde&gt;`: resumé af et møde (`seneste`, en dato som `18.09.2019`, et udvalg som `seneste byrådsmøde` eller udvalg + dato).",
    "• `/referat møder`: de seneste møder.",
    "• `/referat hjælp`: denne hjælp.",
  ].join("\n"),
};

const english: Labels = {
  lookingInMinutes: "Looking in the minutes…",
  summarising: "Summarising the meeting…",
  sources: "Sources",
  maybeRelated: "Maybe related",
  extractiveContext: "Quoted from the minutes (extractive answer)",
  generatedContext: "Generated answer (language model): check the sources",
  fallbackNote: (note) => `Note: ${note}`,
  helpful: "👍 Helpful",
  notHelpful: "👎 Not helpful",
  shareInChannel: "Share in channel",
  sharedBy: (mention) => `Shared by ${mention}`,
  yourQuestion: "Your question",
  closedItem: "Closed item: its content is not shown.",
  feedbackThanks: "Thanks for your feedback.",
  shareExpired: "This answer is no longer stored. Ask again to share it.",
  meetingsHeading: "Recent meetings",
  noMeetings: "No minutes have been loaded yet.",
  itemsCount: (count) => (count === 1 ? "1 item" : `${count} items`),
  summaryHeading: (body, date) => `Summary: ${body} ${date}`,
  summaryContextExtractive: "Summary quoting the minutes (extractive)",
  summaryContextGenerated: "Generated summary (language model): check the sources",
  emptyQuestion:
    "Write a question after the command, e.g. `/referat what was decided about the budget?`",
  errorGeneric: (code) =>
    `Sorry, something went wrong while I was searching the minutes. Please try again shortly. (error code: \`${code}\`)`,
  errorTimeout: "Sorry, finding the answer took too long. Please try again shortly.",
  errorBusy: "I'm busy with other questions right now. Please ask again in a moment.",
  errorMeetingNotFound: (reference) =>
    `I could not find the meeting “${reference}”. See \`/referat meetings\` for the meetings I know.`,
  errorBadRequest: "I did not understand that request. See `/referat help`.",
  errorFeedback: "Sorry, your feedback could not be saved. Please try again later.",
  notEnabledHere: (dmsAllowed) =>
    `Referat is not enabled in this channel, so I do not answer here.${dmsAllowed ? " You can send me a direct message." : ""}`,
  dmsDisabled: "I do not answer direct messages. Mention me in a channel where Referat is enabled.",
  questionTooLong: (maxLength) =>
    `Your question is too long: I can take at most ${maxLength.toLocaleString("en-GB")} characters. Please ask it more briefly.`,
  slowDown:
    "Please slow down: you have asked many questions in a short time. Try again in a minute.",
  continued: "(continued)",
  truncated: "… (shortened, see the source for the full text)",
  help: [
    "*Referat* answers questions about the meeting minutes and cites the exact agenda item.",
    "• Mention me in a channel: `@Referat what was decided about the budget?`: I answer in a thread, and you can ask follow-up questions there.",
    "• Send me a direct message.",
    "• `/referat &lt;question&gt;`: the answer is shown only to you, with a button to share it in the channel.",
    "• `/referat summary &lt;meeting&gt;`: a summary of a meeting (`latest`, a date such as `2019-09-18`, a committee such as `latest økonomiudvalget`, or committee + date).",
    "• `/referat meetings`: the most recent meetings.",
    "• `/referat help`: this help.",
  ].join("\n"),
};

export function labelsFor(language: Language): Labels {
  return language === "en" ? english : danish;
}
