/**
 * Invented case text in the register of Danish municipal minutes, so the probes' items have
 * realistic bodies (long enough to span pages) without copying anyone's minutes.
 */

export const CASE_TEXT: readonly string[] = [
  "Forvaltningen har i samarbejde med de lokale foreninger udarbejdet et forslag til, hvordan området kan udvikles de kommende år. Forslaget bygger på de input, der kom frem ved borgermødet i januar, hvor ca. 120 borgere deltog.",
  "Der er i budgettet for indeværende år afsat 2,4 mio. kr. til formålet. Det forventes, at projektet kan gennemføres inden for den afsatte ramme, idet de indkomne tilbud ligger under overslaget.",
  "Sagen har været i høring i perioden 4. til 25. marts. Der er indkommet seks høringssvar, som er gengivet i bilag 2 sammen med forvaltningens bemærkninger til de enkelte svar.",
  "Forvaltningen vurderer, at de foreslåede ændringer er i overensstemmelse med kommuneplanens rammer, og at der ikke er behov for en miljøvurdering efter miljøvurderingsloven.",
  "Den nuværende aftale udløber ved årets udgang. Forvaltningen anbefaler, at aftalen forlænges med to år med mulighed for yderligere forlængelse, så der skabes ro om driften, mens den samlede strategi for området udarbejdes.",
  "Antallet af henvendelser er steget med 18 procent i forhold til samme periode sidste år. Stigningen skyldes især flere ansøgninger om hjælpemidler og boligændringer.",
  "Projektet gennemføres i tre etaper. Første etape omfatter renovering af klimaskærmen, anden etape ventilation og tredje etape udearealerne. Hver etape forelægges udvalget, inden den sættes i gang.",
  "Sagen forelægges til orientering, idet den følges op af en egentlig beslutningssag, når resultatet af udbuddet foreligger. Forventeligt på udvalgets møde i juni.",
  "Medarbejderrepræsentanterne har været inddraget i arbejdet gennem den lokale arbejdsgruppe, og der er enighed om de foreslåede principper for mødeplanlægning og vagtlægning.",
  "Der er tale om en udgiftsneutral omplacering mellem driftsområderne. Omplaceringen har ingen betydning for servicerammen, men indebærer en forskydning af udgifter fra 2025 til 2026.",
  "Byggeriet forventes påbegyndt i efteråret og afsluttet i foråret året efter. I byggeperioden vil der være midlertidige trafikomlægninger, som varsles til de berørte beboere.",
  "Forslaget indebærer, at åbningstiden udvides med to timer på hverdage. Udvidelsen finansieres inden for områdets eksisterende budget ved en omlægning af personaleressourcerne.",
];

export const ECONOMY_TEXT: readonly string[] = [
  "Sagen har ingen økonomiske konsekvenser for kommunen.",
  "Udgiften på 850.000 kr. finansieres af puljen til byfornyelse på anlægsbudgettet.",
  "Der søges en tillægsbevilling på 1,2 mio. kr. i 2024, der finansieres af kassebeholdningen.",
  "Merudgiften på ca. 300.000 kr. årligt afholdes inden for udvalgets ramme.",
];

/** Takes `count` paragraphs starting at `from`, wrapping round the bank. */
export function caseText(from: number, count: number): string[] {
  return Array.from(
    { length: count },
    (_, index) => CASE_TEXT[(from + index) % CASE_TEXT.length] as string,
  );
}

export function economyText(index: number): string {
  return ECONOMY_TEXT[index % ECONOMY_TEXT.length] as string;
}
