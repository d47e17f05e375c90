import type { Language } from "./types.ts";

/**
 * Danish or English, from frequent function and question words; letters æ/ø/å tip the balance
 * only weakly, since English questions name Danish things ("Beskæftigelsesplan 2020").
 * Words both languages share ("for", "at", "under", "to") are left out of both lists.
 */

const DANISH_WORDS = new Set(
  (
    "hvad hvem hvor hvornår hvordan hvorfor hvilke hvilken hvilket hvis mange blev bliver " +
    "er var har havde skal skulle kan kunne vil ville må med om og eller ikke der det den de " +
    "en et af til fra på som også men så jeg vi du sig sin sine deres hans hendes vores " +
    "mødet møde udvalget besluttet besluttede beslutning blevet noget nogen alle ved efter " +
    "mellem imod mod hos stemte deltog deltager sagt aftalt godkendt"
  ).split(/\s+/),
);

const ENGLISH_WORDS = new Set(
  (
    "what who whom whose where when why how which was were is are has have had will would " +
    "shall should can could did does do the a an of and or not about with from in on by into " +
    "this that these those there their they he she it its we you any many much decided decide " +
    "decision said agreed approved meeting committee council voted against join joined new " +
    "also been being please tell me"
  ).split(/\s+/),
);

export function detectLanguage(text: string): Language {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  let danish = 0;
  let english = 0;
  for (const word of words) {
    if (DANISH_WORDS.has(word)) danish += 1;
    if (ENGLISH_WORDS.has(word)) english += 1;
    if (/[æøå]/.test(word)) danish += 0.5;
  }
  return english > danish ? "en" : "da";
}
