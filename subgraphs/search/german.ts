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

/** Hyphens join compounds ("Lauf-Hose"): index and query them as one word as well as apart. */
export function tokenizeGerman(text: string): string[] {
  const words = text.split(/[^\p{L}\p{N}-]+/u).filter((word) => word !== '');
  const tokens: string[] = [];
  for (const word of words) {
    const parts = word.split('-').filter((part) => part !== '');
    tokens.push(...parts);
    if (parts.length > 1) tokens.push(parts.join(''));
  }
  return tokens;
}
