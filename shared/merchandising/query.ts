const umlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * A search query as pins compare it: lower-case, umlauts in their two-letter spelling (as the
 * search index folds them, so "Größe" is "groesse"), single spaces. NFC first, so that a "ü"
 * typed as "u" plus a combining mark folds too.
 */
export function normalizeQuery(query: string): string {
  return query
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüß]/g, (letter) => umlauts[letter] ?? letter)
    .replace(/\s+/g, ' ')
    .trim();
}
