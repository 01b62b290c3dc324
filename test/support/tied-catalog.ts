import type { Product } from '../../shared/catalog/product.js';
import { Merchandiser } from '../../shared/merchandising/merchandiser.js';
import type { Placement } from '../../shared/touchpoints.js';
import { product, type VariantSpec } from './catalog-fixtures.js';

/** The few values a tied catalog draws from: few values make many ties. */
export const tiedValues = {
  sizes: ['S', 'M', 'L', 'XL'],
  colors: ['blau', 'Schwarz', 'rot', 'grün', 'navy'],
  brands: ['Laufwerk', 'Nordpfad', 'Küstenwind', 'Hausmarke', 'Bergzeit'],
  categories: ['Laufhosen', 'Socken', 'Jacken', 'Hemden'],
  prices: [40, 40, 55, 90],
  genders: [null, 'damen', 'herren'],
} as const;

/**
 * A catalog with many ties, where a ranking that reads only part of the list is most likely to
 * differ from sorting the whole list: few brands, colours, prices and stock levels, and ids that
 * differ in case only (around every 50th product: "jg-7", then "JG-7" twice). Listed up to 29
 * days before `now`.
 */
export function tiedCatalog(count: number, now: Date): Product[] {
  const { sizes, colors, brands, categories, prices, genders } = tiedValues;
  return Array.from({ length: count }, (_, index) => {
    const variants = sizes
      .filter((_, size) => (index + size) % 3 !== 0)
      .map((size, position): VariantSpec => [
        size,
        colors[(index + position) % colors.length] as string,
        (index * 7 + position) % 4,
      ]);
    const twin = index % 50 === 8 ? 1 : index % 50 === 9 ? 2 : 0;
    return product(index % 50 === 7 ? `jg-${index}` : `JG-${index - twin}`, {
      brand: brands[index % brands.length] as string,
      category: categories[(index >> 1) % categories.length] as string,
      price: prices[index % prices.length] as number,
      gender: genders[index % genders.length] ?? null,
      ownBrand: index % 9 === 0,
      labels: index % 6 === 0 ? ['nachhaltig'] : [],
      listedAt: new Date(now.getTime() - (index % 30) * 86_400_000),
      variants,
    });
  });
}

/**
 * Rules that act on a tied catalog: boosts everywhere, and at `placements` a bury and two pins
 * that share a product, pin an id in another case, and pin one that is not in the catalog.
 */
export function tiedRules(placements: Placement[]): Merchandiser {
  return new Merchandiser({
    rules: [
      { id: 'own', action: 'boost', factor: 1.35, when: { ownBrand: true }, reason: 'Our own brand' },
      {
        id: 'green',
        action: 'boost',
        factor: 1.1,
        when: { labels: ['nachhaltig'] },
        reason: 'Sustainably made',
      },
      {
        id: 'socks',
        action: 'bury',
        factor: 0.6,
        when: { categories: ['Socken'] },
        placements,
        reason: 'Add-on',
      },
      {
        id: 'featured',
        action: 'pin',
        productIds: ['JG-12', 'jg-7', 'JG-40', 'JG-99999'],
        placements,
        reason: 'Featured',
      },
      { id: 'again', action: 'pin', productIds: ['JG-40', 'JG-3'], placements, reason: 'Again' },
    ],
  });
}
