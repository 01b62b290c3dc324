import { stemmer } from '@orama/stemmers/german';

/**
 * Term processing for a German shop: umlauts fold to their two-letter spelling first ("Größe" =
 * "groesse", so a keyboard without umlauts finds the same), then the Snowball German stemmer
 * (Orama's port) reduces inflections, so "Laufhosen" finds "Laufhose" and "Hemden" finds "Hemd".
 */
const umlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function foldGerman(term: string): string {
  return term.toLowerCase().replace(/[äöüß]/g, (letter) => umlauts[letter] ?? letter);
}

export function stemGerman(term: string): string {
  return stemmer(term);
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

/** Shorter heads or modifiers split words at random ("Rot" in "Karotte"). */
const minHeadLength = 3;
const minModifierLength = 3;

/**
 * German writes compounds as one word and the last part names the thing: a "Regenjacke" is a
 * "Jacke". A shopper typing "Jacke" expects it, so a stem that ends in another stem of the
 * catalog's own vocabulary is indexed under that head as well. The vocabulary keeps the split
 * honest: only heads that occur as words of their own count.
 */
export class CompoundHeads {
  private readonly vocabulary: ReadonlySet<string>;

  constructor(stems: Iterable<string>) {
    this.vocabulary = new Set(stems);
  }

  /** The stem itself and every head it ends in, longest first. */
  expand(stem: string): string[] {
    const terms = [stem];
    for (let start = minModifierLength; stem.length - start >= minHeadLength; start += 1) {
      const head = stem.slice(start);
      if (this.vocabulary.has(head)) terms.push(head);
    }
    return terms;
  }
}
