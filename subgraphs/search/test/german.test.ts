import { describe, expect, it } from 'vitest';
import { CompoundHeads, foldGerman, processGermanTerm, stemGerman, tokenizeGerman } from '../german.js';

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

  it('gives "Jacke" and "Jacken", "Schuh" and "Schuhe" one stem each', () => {
    expect(stemGerman('jacken')).toBe(stemGerman('jacke'));
    expect(stemGerman('schuhe')).toBe(stemGerman('schuh'));
  });

  it('leaves short words without an ending as they are', () => {
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

describe('CompoundHeads', () => {
  const heads = new CompoundHeads(['jack', 'hos', 'regenjack', 'lauf']);

  it('indexes "Regenjacke" under its head "Jacke" when the catalog has "Jacke" on its own', () => {
    expect(heads.expand(stemGerman('regenjacke'))).toEqual([stemGerman('regenjacke'), 'jack']);
  });

  it('splits only at heads the vocabulary knows', () => {
    expect(heads.expand('winterstiefel')).toEqual(['winterstiefel']);
  });

  it('never splits off a modifier or a head shorter than three letters', () => {
    expect(heads.expand('hos')).toEqual(['hos']);
    expect(new CompoundHeads(['os']).expand('hos')).toEqual(['hos']);
  });
});
