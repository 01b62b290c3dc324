import { describe, expect, it } from 'vitest';
import { foldGerman, processGermanTerm, stemGerman, tokenizeGerman } from '../german.js';

describe('foldGerman', () => {
  it('folds umlauts and ß to their two-letter spelling', () => {
    expect(foldGerman('Größe')).toBe('groesse');
    expect(foldGerman('Über')).toBe('ueber');
    expect(foldGerman('Kleider & Röcke')).toBe('kleider & roecke');
    expect(foldGerman('Küstenwind')).toBe('kuestenwind');
  });

  it('spells a folded word the same as one typed without umlauts', () => {
    expect(foldGerman('weiß')).toBe(foldGerman('weiss'));
    expect(foldGerman('Müsli')).toBe(foldGerman('Muesli'));
  });
});

describe('stemGerman', () => {
  it('gives "Laufhosen" the same stem as "Laufhose"', () => {
    expect(stemGerman('laufhosen')).toBe(stemGerman('laufhose'));
  });

  it('cuts "Hemden" to "Hemd" and leaves "Hemd" as it is', () => {
    expect(stemGerman('hemden')).toBe('hemd');
    expect(stemGerman('hemd')).toBe('hemd');
  });

  it('leaves words untouched that would keep fewer than four letters', () => {
    expect(stemGerman('hose')).toBe('hose');
    expect(stemGerman('rot')).toBe('rot');
    expect(stemGerman('bhs')).toBe('bhs');
  });
});

describe('processGermanTerm', () => {
  it('folds before it stems, so "Größen" and "groesse" meet', () => {
    expect(processGermanTerm('Größen')).toBe(processGermanTerm('groesse'));
  });

  it('drops an empty term', () => {
    expect(processGermanTerm('')).toBeNull();
  });
});

describe('tokenizeGerman', () => {
  it('splits a hyphenated compound into its parts plus the joined word', () => {
    expect(tokenizeGerman('Lauf-Hose')).toEqual(['Lauf', 'Hose', 'LaufHose']);
  });

  it('splits on spaces and punctuation but keeps letters with umlauts whole', () => {
    expect(tokenizeGerman('Hemd, weiß (Größe XL)')).toEqual(['Hemd', 'weiß', 'Größe', 'XL']);
  });

  it('ignores stray hyphens', () => {
    expect(tokenizeGerman('Laufhose - leicht')).toEqual(['Laufhose', 'leicht']);
  });
});
