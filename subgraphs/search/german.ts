/**
 * Term processing for a German shop. Deliberately light, a full stemmer is tracked in the
 * touchpoint issue: umlauts fold to their two-letter spelling ("Größe" = "groesse") and common
 * plural endings are cut, so "Laufhosen" finds "Laufhose" and "Hemden" finds "Hemd".
 */
const umlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function foldGerman(term: string): string {
  return term.toLowerCase().replace(/[äöüß]/g, (letter) => umlauts[letter] ?? letter);
}

const pluralEndings = ['en', 'n', 'e', 's'];

export function stemGerman(term: string): string {
  for (const ending of pluralEndings) {
    if (term.length - ending.length >= 4 && term.endsWith(ending)) return term.slice(0, -ending.length);
  }
  return term;
}

export function processGermanTerm(term: string): string | null {
  const folded = foldGerman(term);
  return folded === '' ? null : stemGerman(folded);
}

/** The words of a text, each as its hyphen-separated parts: "Lauf-Hose" is `["Lauf", "Hose"]`. */
export function compoundWords(text: string): string[][] {
  return text
    .split(/[^\p{L}\p{N}-]+/u)
    .map((word) => word.split('-').filter((part) => part !== ''))
    .filter((parts) => parts.length > 0);
}

/** Hyphens join compounds ("Lauf-Hose"): index and query them as one word as well as apart. */
export function tokenizeGerman(text: string): string[] {
  return compoundWords(text).flatMap((parts) => (parts.length > 1 ? [...parts, parts.join('')] : parts));
}
