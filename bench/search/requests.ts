import { noTaste, type Taste } from '../../shared/catalog/taste.js';
import type { SearchInput } from '../../subgraphs/search/search-input.js';

/** One search as a shop page sends it: what the shopper typed and picked, and who they are. */
export interface BenchSearch {
  input: SearchInput;
  taste: Taste;
}

const affinities = (...values: string[]) => values.map((value, rank) => ({ value, score: 1 / (rank + 1) }));

/** Visitors whose profiles have learned something, and a newcomer whose profile has not. */
const runner: Taste = {
  sizes: affinities('XL', 'L'),
  colors: affinities('blau', 'schwarz'),
  brands: affinities('Laufwerk', 'Zielsprint'),
  categories: affinities('Laufhosen', 'Laufshirts'),
};
const office: Taste = {
  sizes: affinities('M'),
  colors: affinities('navy', 'weiß'),
  brands: affinities('Stadtfaden', 'Hanseat Denim'),
  categories: affinities('Hemden', 'Chinos'),
};
const outdoor: Taste = {
  sizes: affinities('S', 'M'),
  colors: affinities('grün', 'rot', 'beige'),
  brands: affinities('Bergfalke', 'Fjordlicht', 'Polarkreis'),
  categories: affinities('Regenjacken', 'Kleider'),
};

/**
 * The fixed mix every run measures, first page of 24 each: with and without words, with size,
 * colour, brand, category and price filters, a typo, a search that finds nothing as asked and is
 * relaxed, and a price order. Every filter value is one the generated catalog has at any size
 * from a few hundred products up (the vocabulary refuses unknown values).
 */
export const benchSearches: readonly BenchSearch[] = [
  { input: {}, taste: noTaste },
  { input: {}, taste: runner },
  { input: { query: 'laufhose' }, taste: runner },
  { input: { query: 'laufhose', filters: { sizes: ['XL'], colors: ['blau'] } }, taste: runner },
  { input: { query: 'jacke blau' }, taste: outdoor },
  { input: { query: 'hemd' }, taste: office },
  { input: { query: 'hemd', filters: { sizes: ['M'], colors: ['weiß', 'navy'] } }, taste: office },
  { input: { filters: { sizes: ['L'], colors: ['schwarz'] } }, taste: runner },
  { input: { filters: { brands: ['Nordpfad', 'Stadtfaden'] } }, taste: noTaste },
  { input: { filters: { categories: ['Hoodies'], sizes: ['XL'] } }, taste: office },
  { input: { query: 'jeans', filters: { brands: ['Hanseat Denim'], sizes: ['M', 'L'] } }, taste: office },
  { input: { query: 't-shirt', filters: { colors: ['weiß', 'grau'], priceMax: 30 } }, taste: runner },
  { input: { query: 'regenjake' }, taste: outdoor },
  { input: { query: 'kleid', filters: { sizes: ['S'], priceMin: 50 } }, taste: outdoor },
  { input: { query: 'laufhose', filters: { brands: ['Hanseat Denim'] } }, taste: runner },
  { input: { query: 'pullover', sort: 'PRICE_ASC' }, taste: noTaste },
];
