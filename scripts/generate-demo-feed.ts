/**
 * Writes the demo shop's Google Merchant Center feed: a German apparel shop with one row per
 * variant (a size in a colour) and its stock. The feed is generated from a fixed seed, so running
 * the script again rewrites `data/demo-feed.tsv` byte for byte; `--products N` writes the first N
 * products of the same catalog.
 *
 *   npx tsx scripts/generate-demo-feed.ts [output.tsv] [--products 2400]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const seed = 20_240_611;
const defaultProducts = 2_400;
const maxProducts = 99_999; // group ids have five digits
const defaultOutput = fileURLToPath(new URL('../data/demo-feed.tsv', import.meta.url));

const columns = [
  'id',
  'item_group_id',
  'title',
  'description',
  'link',
  'image_link',
  'price',
  'sale_price',
  'availability',
  'brand',
  'color',
  'size',
  'gender',
  'product_type',
  'quantity',
  'custom_label_0',
  'custom_label_1',
  'custom_label_2',
  'custom_label_3',
  'custom_label_4',
] as const;

type Column = (typeof columns)[number];
type Gender = 'male' | 'female' | 'unisex';
type Season = 'sommer' | 'winter' | 'ganzjahr';
type Color = keyof typeof colorCodes;

/** Mulberry32: small, fast and the same on every platform, unlike Math.random. */
function mulberry32(state: number): () => number {
  let current = state >>> 0;
  return () => {
    current = (current + 0x6d2b79f5) >>> 0;
    let t = current;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Dice {
  constructor(private readonly next: () => number) {}

  /** A number from 0 (included) to 1 (excluded). */
  fraction(): number {
    return this.next();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A whole number from min to max, both included. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return (items.at(-1) as readonly [T, number])[0];
  }

  /** Up to `count` distinct items, drawn by weight, in the order drawn. */
  distinct<T>(items: readonly (readonly [T, number])[], count: number): T[] {
    const left = [...items];
    const drawn: T[] = [];
    while (drawn.length < count && left.length > 0) {
      const item = this.weighted(left);
      drawn.push(item);
      left.splice(
        left.findIndex(([candidate]) => candidate === item),
        1,
      );
    }
    return drawn;
  }
}

/** Each product draws from its own stream, so the first N products do not depend on the total. */
function diceFor(productNumber: number): Dice {
  return new Dice(mulberry32(Math.imul(seed ^ productNumber, 0x9e3779b1)));
}

// Codes for SKUs and ASCII slugs for image file names.
const colorCodes = {
  schwarz: ['SWZ', 'schwarz'],
  weiß: ['WEI', 'weiss'],
  blau: ['BLA', 'blau'],
  rot: ['ROT', 'rot'],
  grün: ['GRN', 'gruen'],
  grau: ['GRA', 'grau'],
  navy: ['NAV', 'navy'],
  beige: ['BEI', 'beige'],
  gelb: ['GEL', 'gelb'],
  pink: ['PNK', 'pink'],
} as const;

const letterSizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const;
const sockSizes = ['35-38', '39-42', '43-46'] as const;
const sizesByGender: Record<Gender, readonly string[]> = {
  female: letterSizes.slice(0, 5),
  male: letterSizes.slice(1),
  unisex: letterSizes,
};
// Small and large sizes run out first.
const soldOutChance: Record<string, number> = { XS: 0.2, S: 0.12, M: 0.1, L: 0.12, XL: 0.2, XXL: 0.27 };

/** German nouns decline the adjective in front: "Leichte Laufhose", "Leichtes Hemd", "Leichter Rock". */
type AdjectiveEnding = 'e' | 'es' | 'er';

interface Category {
  key: string;
  /** The word every title of the category holds. */
  word: string;
  productType: string;
  ending: AdjectiveEnding;
  /** Share of the catalog, relative to the other categories. */
  weight: number;
  genders: readonly (readonly [Gender, number])[];
  sockSizes?: true;
  /** Stocked up to XL for everyone: the demo's questions are about running pants in XL. */
  runsToXl?: true;
  /** Whole euros; every price ends in .95. */
  priceRange: readonly [number, number];
  seasons: readonly (readonly [Season, number])[];
  colors: readonly (readonly [Color, number])[];
  adjectives: readonly string[];
  materials: readonly string[];
  purposes: readonly string[];
}

const everyGender = [
  ['male', 4],
  ['female', 4],
  ['unisex', 2],
] as const;
const sportColors = [
  ['schwarz', 6],
  ['blau', 5],
  ['navy', 3],
  ['grau', 3],
  ['rot', 2],
  ['grün', 2],
  ['pink', 2],
  ['gelb', 1],
  ['weiß', 1],
] as const;
const casualColors = [
  ['schwarz', 4],
  ['weiß', 4],
  ['blau', 4],
  ['navy', 4],
  ['grau', 4],
  ['beige', 3],
  ['grün', 2],
  ['rot', 2],
  ['gelb', 1],
  ['pink', 1],
] as const;
const outdoorColors = [
  ['schwarz', 5],
  ['navy', 4],
  ['blau', 3],
  ['grün', 3],
  ['grau', 3],
  ['rot', 2],
  ['gelb', 2],
  ['beige', 1],
] as const;
const runningMaterials = ['aus recyceltem Polyester', 'aus elastischem Funktionsstoff', 'aus leichtem Mesh'];

const categories: readonly Category[] = [
  {
    key: 'laufhose',
    word: 'Laufhose',
    productType: 'Bekleidung > Hosen > Laufhosen',
    ending: 'e',
    weight: 9,
    genders: everyGender,
    runsToXl: true,
    priceRange: [29, 89],
    seasons: [
      ['ganzjahr', 5],
      ['sommer', 2],
      ['winter', 2],
    ],
    colors: [['blau', 24], ...sportColors.filter(([color]) => color !== 'blau')],
    adjectives: ['Leicht', 'Atmungsaktiv', 'Elastisch', 'Schnell trocknend'],
    materials: runningMaterials,
    purposes: ['für lange Läufe', 'mit Reißverschlusstasche', 'mit Reflektoren für dunkle Abende'],
  },
  {
    key: 'lauftight',
    word: 'Lauftight',
    productType: 'Bekleidung > Hosen > Lauftights',
    ending: 'e',
    weight: 4,
    genders: [
      ['female', 3],
      ['male', 2],
    ],
    priceRange: [24, 69],
    seasons: [
      ['ganzjahr', 3],
      ['winter', 2],
    ],
    colors: sportColors,
    adjectives: ['Eng anliegend', 'Wärmend', 'Elastisch'],
    materials: runningMaterials,
    purposes: ['für Intervalltraining', 'mit hohem Bund', 'für kühle Morgenläufe'],
  },
  {
    key: 'jeans',
    word: 'Jeans',
    productType: 'Bekleidung > Hosen > Jeans',
    ending: 'e',
    weight: 8,
    genders: [
      ['male', 1],
      ['female', 1],
    ],
    priceRange: [49, 119],
    seasons: [['ganzjahr', 1]],
    colors: [
      ['blau', 6],
      ['navy', 3],
      ['schwarz', 3],
      ['grau', 2],
      ['weiß', 1],
    ],
    adjectives: ['Gerade geschnitten', 'Schmal geschnitten', 'Klassisch'],
    materials: ['aus Stretch-Denim', 'aus Bio-Baumwolle', 'aus festem Denim'],
    purposes: ['für jeden Tag', 'mit fünf Taschen', 'mit leichter Waschung'],
  },
  {
    key: 'chino',
    word: 'Chino',
    productType: 'Bekleidung > Hosen > Chinos',
    ending: 'e',
    weight: 5,
    genders: [
      ['male', 2],
      ['female', 1],
    ],
    priceRange: [39, 89],
    seasons: [
      ['ganzjahr', 3],
      ['sommer', 1],
    ],
    colors: casualColors,
    adjectives: ['Bequem', 'Schmal geschnitten', 'Klassisch'],
    materials: ['aus Bio-Baumwolle', 'aus Baumwoll-Twill', 'aus Leinenmischung'],
    purposes: ['für Büro und Freizeit', 'mit Bügelfalte', 'für warme Tage'],
  },
  {
    key: 'shorts',
    word: 'Shorts',
    productType: 'Bekleidung > Hosen > Shorts',
    ending: 'e',
    weight: 6,
    genders: everyGender,
    priceRange: [19, 49],
    seasons: [['sommer', 1]],
    colors: casualColors,
    adjectives: ['Leicht', 'Luftig', 'Bequem'],
    materials: ['aus Bio-Baumwolle', 'aus recyceltem Polyester', 'aus Leinen'],
    purposes: ['für heiße Tage', 'für Sport und Strand', 'mit Kordelzug'],
  },
  {
    key: 'hemd',
    word: 'Hemd',
    productType: 'Bekleidung > Oberteile > Hemden',
    ending: 'es',
    weight: 8,
    genders: [
      ['male', 4],
      ['female', 1],
    ],
    priceRange: [29, 89],
    seasons: [
      ['ganzjahr', 3],
      ['sommer', 1],
    ],
    colors: casualColors,
    adjectives: ['Bügelleicht', 'Klassisch', 'Tailliert'],
    materials: ['aus Bio-Baumwolle', 'aus Leinen', 'aus Oxford-Baumwolle'],
    purposes: ['für Büro und Freizeit', 'mit Button-down-Kragen', 'für warme Tage'],
  },
  {
    key: 't-shirt',
    word: 'T-Shirt',
    productType: 'Bekleidung > Oberteile > T-Shirts',
    ending: 'es',
    weight: 10,
    genders: everyGender,
    priceRange: [12, 39],
    seasons: [
      ['ganzjahr', 2],
      ['sommer', 3],
    ],
    colors: casualColors,
    adjectives: ['Weich', 'Klassisch', 'Locker geschnitten'],
    materials: ['aus Bio-Baumwolle', 'aus Baumwoll-Jersey', 'aus Leinenmischung'],
    purposes: ['für jeden Tag', 'mit Rundhalsausschnitt', 'mit V-Ausschnitt'],
  },
  {
    key: 'laufshirt',
    word: 'Laufshirt',
    productType: 'Bekleidung > Oberteile > Laufshirts',
    ending: 'es',
    weight: 6,
    genders: everyGender,
    priceRange: [19, 59],
    seasons: [
      ['sommer', 3],
      ['ganzjahr', 2],
      ['winter', 1],
    ],
    colors: sportColors,
    adjectives: ['Leicht', 'Atmungsaktiv', 'Schnell trocknend'],
    materials: runningMaterials,
    purposes: ['für lange Läufe', 'mit Flachnähten', 'für heiße Wettkämpfe'],
  },
  {
    key: 'pullover',
    word: 'Pullover',
    productType: 'Bekleidung > Oberteile > Pullover',
    ending: 'er',
    weight: 7,
    genders: everyGender,
    priceRange: [39, 129],
    seasons: [
      ['winter', 3],
      ['ganzjahr', 2],
    ],
    colors: casualColors,
    adjectives: ['Warm', 'Weich', 'Grob gestrickt'],
    materials: ['aus Merinowolle', 'aus Bio-Baumwolle', 'aus Kaschmirmischung'],
    purposes: ['für kalte Tage', 'mit Rundhalsausschnitt', 'mit Stehkragen'],
  },
  {
    key: 'hoodie',
    word: 'Hoodie',
    productType: 'Bekleidung > Oberteile > Hoodies',
    ending: 'er',
    weight: 5,
    genders: [
      ['unisex', 3],
      ['male', 1],
      ['female', 1],
    ],
    priceRange: [39, 89],
    seasons: [
      ['ganzjahr', 2],
      ['winter', 1],
    ],
    colors: casualColors,
    adjectives: ['Kuschelig', 'Weich', 'Locker geschnitten'],
    materials: ['aus Bio-Baumwolle', 'aus angerautem Sweat', 'aus recyceltem Polyester'],
    purposes: ['mit Kängurutasche', 'für kühle Abende', 'mit verstellbarer Kapuze'],
  },
  {
    key: 'regenjacke',
    word: 'Regenjacke',
    productType: 'Bekleidung > Jacken > Regenjacken',
    ending: 'e',
    weight: 5,
    genders: everyGender,
    priceRange: [69, 229],
    seasons: [
      ['ganzjahr', 3],
      ['sommer', 1],
    ],
    colors: outdoorColors,
    adjectives: ['Wasserdicht', 'Leicht', 'Packbar'],
    materials: ['aus recyceltem Polyamid', 'aus dreilagiger Membran', 'aus gewachster Baumwolle'],
    purposes: ['für Wanderungen', 'mit verstellbarer Kapuze', 'für Stadt und Rad'],
  },
  {
    key: 'daunenjacke',
    word: 'Daunenjacke',
    productType: 'Bekleidung > Jacken > Daunenjacken',
    ending: 'e',
    weight: 4,
    genders: everyGender,
    priceRange: [119, 299],
    seasons: [['winter', 1]],
    colors: outdoorColors,
    adjectives: ['Warm', 'Leicht', 'Gesteppt'],
    materials: ['aus recycelten Daunen', 'mit Daunenfüllung', 'mit Kunstfaserfüllung'],
    purposes: ['für eisige Tage', 'mit Kapuze', 'für Reisen im Winter'],
  },
  {
    key: 'laufjacke',
    word: 'Laufjacke',
    productType: 'Bekleidung > Jacken > Laufjacken',
    ending: 'e',
    weight: 4,
    genders: everyGender,
    priceRange: [49, 149],
    seasons: [
      ['ganzjahr', 2],
      ['winter', 1],
    ],
    colors: sportColors,
    adjectives: ['Winddicht', 'Leicht', 'Atmungsaktiv'],
    materials: runningMaterials,
    purposes: ['mit Reflektoren für dunkle Abende', 'für Wind und Nieselregen', 'mit Daumenschlaufen'],
  },
  {
    key: 'kleid',
    word: 'Kleid',
    productType: 'Bekleidung > Kleider & Röcke > Kleider',
    ending: 'es',
    weight: 6,
    genders: [['female', 1]],
    priceRange: [39, 129],
    seasons: [
      ['sommer', 3],
      ['ganzjahr', 2],
    ],
    colors: [
      ['schwarz', 4],
      ['blau', 3],
      ['rot', 3],
      ['beige', 3],
      ['gelb', 2],
      ['pink', 2],
      ['grün', 2],
      ['weiß', 2],
      ['navy', 2],
    ],
    adjectives: ['Fließend', 'Tailliert', 'Luftig'],
    materials: ['aus Viskose', 'aus Leinen', 'aus Bio-Baumwolle'],
    purposes: ['für warme Tage', 'für besondere Anlässe', 'mit Bindegürtel'],
  },
  {
    key: 'rock',
    word: 'Rock',
    productType: 'Bekleidung > Kleider & Röcke > Röcke',
    ending: 'er',
    weight: 3,
    genders: [['female', 1]],
    priceRange: [29, 89],
    seasons: [
      ['sommer', 2],
      ['ganzjahr', 2],
    ],
    colors: casualColors,
    adjectives: ['Fließend', 'Plissiert', 'Schmal geschnitten'],
    materials: ['aus Viskose', 'aus Wollmischung', 'aus Bio-Baumwolle'],
    purposes: ['für Büro und Freizeit', 'in Midilänge', 'mit elastischem Bund'],
  },
  {
    key: 'sport-bh',
    word: 'Sport-BH',
    productType: 'Bekleidung > Unterwäsche > Sport-BHs',
    ending: 'er',
    weight: 4,
    genders: [['female', 1]],
    priceRange: [24, 59],
    seasons: [['ganzjahr', 1]],
    colors: sportColors,
    adjectives: ['Stützend', 'Atmungsaktiv', 'Nahtlos'],
    materials: runningMaterials,
    purposes: ['für hohe Belastung', 'für Yoga und Pilates', 'mit gekreuzten Trägern'],
  },
  {
    key: 'socken',
    word: 'Socken',
    productType: 'Bekleidung > Socken',
    ending: 'e',
    weight: 4,
    genders: [['unisex', 1]],
    sockSizes: true,
    priceRange: [9, 19],
    seasons: [
      ['ganzjahr', 3],
      ['winter', 1],
    ],
    colors: [
      ['schwarz', 5],
      ['weiß', 4],
      ['grau', 3],
      ['navy', 2],
      ['blau', 2],
      ['pink', 1],
      ['gelb', 1],
    ],
    adjectives: ['Gepolstert', 'Warm', 'Atmungsaktiv'],
    materials: ['aus Merinowolle', 'aus Bio-Baumwolle', 'aus recyceltem Polyamid'],
    purposes: ['im Dreierpack', 'für lange Läufe', 'für Wanderschuhe'],
  },
];

interface Brand {
  name: string;
  /** custom_label_0: the shop's own brands are `eigenmarke`. */
  label: 'eigenmarke' | 'premium' | '';
  categories: readonly string[];
}

const brands: readonly Brand[] = [
  {
    name: 'Nordpfad',
    label: 'eigenmarke',
    categories: [
      'regenjacke',
      'daunenjacke',
      'pullover',
      'hemd',
      't-shirt',
      'chino',
      'shorts',
      'socken',
      'hoodie',
    ],
  },
  {
    name: 'Laufwerk',
    label: 'eigenmarke',
    categories: ['laufhose', 'lauftight', 'laufshirt', 'laufjacke', 'sport-bh', 'shorts', 'socken'],
  },
  {
    name: 'Stadtfaden',
    label: 'eigenmarke',
    categories: ['t-shirt', 'hemd', 'chino', 'jeans', 'kleid', 'rock', 'pullover', 'hoodie'],
  },
  {
    name: 'Bergfalke',
    label: 'premium',
    categories: ['regenjacke', 'daunenjacke', 'pullover', 'laufhose', 'shorts', 'socken', 't-shirt'],
  },
  {
    name: 'Küstenwind',
    label: '',
    categories: ['regenjacke', 'hemd', 'pullover', 't-shirt', 'kleid', 'shorts'],
  },
  {
    name: 'Zielsprint',
    label: '',
    categories: ['laufhose', 'lauftight', 'laufshirt', 'laufjacke', 'sport-bh', 'socken'],
  },
  { name: 'Pulsfeuer', label: '', categories: ['laufhose', 'laufshirt', 'sport-bh', 'shorts', 'lauftight'] },
  { name: 'Isarblau', label: '', categories: ['jeans', 'chino', 'hemd', 't-shirt', 'hoodie'] },
  { name: 'Hanseat Denim', label: '', categories: ['jeans', 'hemd', 't-shirt', 'rock'] },
  { name: 'Polarkreis', label: '', categories: ['daunenjacke', 'pullover', 'socken', 'hoodie'] },
  { name: 'Wellenreiter', label: '', categories: ['shorts', 't-shirt', 'hoodie', 'kleid'] },
  { name: 'Tannenhof', label: 'premium', categories: ['hemd', 'pullover', 'rock', 'kleid', 'chino'] },
  {
    name: 'Fjordlicht',
    label: 'premium',
    categories: ['laufhose', 'regenjacke', 'laufjacke', 'pullover', 'laufshirt'],
  },
  { name: 'Leinenwerk', label: '', categories: ['hemd', 'kleid', 'rock', 'shorts', 't-shirt'] },
];

const brandsByCategory = new Map(
  categories.map((category) => [
    category.key,
    brands.filter((brand) => brand.categories.includes(category.key)),
  ]),
);

// Model names are German places and words from weather, sea and running.
const models = (
  'Tempo Alster Brocken Kiel Föhn Elbe Harz Watt Düne Mistral Sprint Kompass Gipfel Lotse Möwe Fjord ' +
  'Heide Rhön Eifel Spree Isar Sylt Rügen Taunus Anker Böe Brise Flut Kap Polar Wald Moor Nordlicht ' +
  'Strand Tide Ufer Pfad Schritt Puls Takt Tour Etappe Kurs Feder Stern Funke Welle Horizont Amrum ' +
  'Borkum Juist Lech Inn Mosel Saale Ahr Lahn Fehmarn Hiddensee Priel Kliff Lee Luv Passat Zenit ' +
  'Meridian Boje Leuchtfeuer Lichtung Firn Grat Sattel Kamm Senke Tal Bach Quelle Auwald Marsch'
).split(' ');
const modelSuffixes = [
  ['', 6],
  [' Pro', 1],
  [' Light', 1],
  [' Essential', 1],
  [' Plus', 1],
] as const;
const genderWords: Record<Gender, string> = { male: ' Herren', female: ' Damen', unisex: '' };

// Weighted tables: [value, weight].
const sizeRunLengths = [
  [3, 2],
  [4, 4],
  [5, 4],
  [6, 1],
] as const;
const colorCounts = [
  [1, 7],
  [2, 8],
  [3, 5],
] as const;
/** Multiplies a variant's chance to be sold out: a few products sell out almost everywhere. */
const popularities = [
  [0.5, 3],
  [1, 10],
  [2, 3],
  [6, 1],
] as const;
const novelties = [
  ['', 8],
  ['neu', 1],
  ['bestseller', 1],
] as const;

interface Variant {
  color: Color;
  size: string;
  quantity: number;
}

interface DemoProduct {
  groupId: string;
  title: string;
  description: string;
  brand: Brand;
  category: Category;
  gender: Gender;
  season: Season;
  /** Cents. */
  price: number;
  salePrice: number | null;
  novelty: '' | 'neu' | 'bestseller';
  sustainable: boolean;
  variants: Variant[];
}

/** Contiguous sizes, e.g. S to XL: shops rarely skip a size in the middle. */
function sizeRun(dice: Dice, category: Category, gender: Gender): string[] {
  if (category.sockSizes) return [...sockSizes];
  const available = sizesByGender[gender];
  const length = Math.min(available.length, dice.weighted(sizeRunLengths));
  const start = dice.between(0, available.length - length);
  const run = available.slice(start, start + length);
  if (category.runsToXl && !run.includes('XL')) return available.slice(start, available.indexOf('XL') + 1);
  return run;
}

function quantity(dice: Dice, size: string, popularity: number): number {
  const chance = (soldOutChance[size] ?? 0.14) * popularity;
  if (dice.chance(chance)) return 0;
  // Most variants have a few pieces, some a full carton.
  return Math.min(40, 1 + Math.floor(dice.fraction() ** 1.6 * 40));
}

/** A sale takes 20-50 % off and ends in .95, like the regular price. */
function salePriceOf(dice: Dice, price: number): number {
  const discounted = price * (1 - dice.pick([0.2, 0.25, 0.3, 0.4, 0.5]));
  return Math.floor((discounted - 95) / 100) * 100 + 95;
}

function generateProduct(productNumber: number, runningPantsSoFar: number): DemoProduct {
  const dice = diceFor(productNumber);
  const category = dice.weighted(categories.map((candidate) => [candidate, candidate.weight] as const));
  const brand = dice.pick(brandsByCategory.get(category.key) ?? brands);
  const isRunningPants = category.key === 'laufhose';
  // Every eighth pair of running pants is the demo's showcase: XL sold out in blau, in stock in schwarz.
  const showcase = isRunningPants && runningPantsSoFar % 8 === 0;
  const gender = showcase ? dice.pick(['male', 'unisex'] as const) : dice.weighted(category.genders);
  const drawnColors = dice.distinct(category.colors, dice.weighted(colorCounts));
  const colors: Color[] = showcase
    ? ['blau', 'schwarz', ...drawnColors.filter((color) => color !== 'blau' && color !== 'schwarz')]
    : drawnColors;
  const sizes = sizeRun(dice, category, gender);

  const [minEuros, maxEuros] = category.priceRange;
  const price = dice.between(minEuros, maxEuros) * 100 + 95;
  const salePrice = dice.chance(0.18) ? salePriceOf(dice, price) : null;
  const popularity = dice.weighted(popularities);
  const variants = colors
    .slice(0, 3)
    .flatMap((color) => sizes.map((size) => ({ color, size, quantity: quantity(dice, size, popularity) })));
  if (showcase) {
    for (const variant of variants) {
      if (variant.size !== 'XL') continue;
      if (variant.color === 'blau') variant.quantity = 0;
      else if (variant.color === 'schwarz' && variant.quantity === 0) variant.quantity = dice.between(1, 12);
    }
  }

  const model = `${dice.pick(models)}${dice.weighted(modelSuffixes)}`;
  const genderWord = category.genders.length > 1 ? genderWords[gender] : '';
  const material = dice.pick(category.materials);
  const description = `${dice.pick(category.adjectives)}${category.ending} ${category.word} ${material} ${dice.pick(category.purposes)}.`;
  return {
    groupId: `JG-${String(productNumber).padStart(5, '0')}`,
    title: `${category.word} ${model}${genderWord}`,
    description,
    brand,
    category,
    gender,
    season: dice.weighted(category.seasons),
    price,
    salePrice,
    novelty: dice.weighted(novelties),
    sustainable: /recycel|Bio-/.test(material),
    variants,
  };
}

function euros(cents: number): string {
  return `${(cents / 100).toFixed(2)} EUR`;
}

function rowsOf(product: DemoProduct): Record<Column, string>[] {
  return product.variants.map((variant) => {
    const [code, slug] = colorCodes[variant.color];
    const query = `color=${encodeURIComponent(variant.color)}&size=${encodeURIComponent(variant.size)}`;
    return {
      id: `${product.groupId}-${code}-${variant.size}`,
      item_group_id: product.groupId,
      title: product.title,
      description: product.description,
      link: `https://shop.example/p/${product.groupId}?${query}`,
      image_link: `https://shop.example/img/${product.groupId}-${slug}.jpg`,
      price: euros(product.price),
      sale_price: product.salePrice === null ? '' : euros(product.salePrice),
      availability: variant.quantity === 0 ? 'out_of_stock' : 'in_stock',
      brand: product.brand.name,
      color: variant.color,
      size: variant.size,
      gender: product.gender,
      product_type: product.category.productType,
      quantity: String(variant.quantity),
      custom_label_0: product.brand.label,
      custom_label_1: product.season,
      custom_label_2: product.novelty,
      custom_label_3: product.salePrice === null ? '' : 'sale',
      custom_label_4: product.sustainable ? 'nachhaltig' : '',
    };
  });
}

function readOptions(): { output: string; products: number } {
  const { values, positionals } = parseArgs({
    options: { products: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 1)
    throw new TypeError(`expected at most one output path, got ${positionals.join(' ')}`);
  const products = values.products === undefined ? defaultProducts : Number(values.products);
  if (!Number.isInteger(products) || products < 1 || products > maxProducts) {
    throw new TypeError(
      `--products must be a whole number from 1 to ${maxProducts}, got "${values.products}"`,
    );
  }
  return { output: positionals[0] === undefined ? defaultOutput : resolve(positionals[0]), products };
}

const usage = 'usage: npx tsx scripts/generate-demo-feed.ts [output.tsv] [--products N]';

function main(): void {
  let options: ReturnType<typeof readOptions>;
  try {
    options = readOptions();
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  const lines = [columns.join('\t')];
  let runningPants = 0;
  let variants = 0;
  let soldOut = 0;
  for (let productNumber = 1; productNumber <= options.products; productNumber += 1) {
    const product = generateProduct(productNumber, runningPants);
    if (product.category.key === 'laufhose') runningPants += 1;
    for (const row of rowsOf(product)) {
      lines.push(columns.map((column) => row[column]).join('\t'));
      variants += 1;
      if (row.quantity === '0') soldOut += 1;
    }
  }
  const text = `${lines.join('\n')}\n`;
  mkdirSync(dirname(options.output), { recursive: true });
  writeFileSync(options.output, text);
  const megabytes = (Buffer.byteLength(text) / 1_000_000).toFixed(1);
  const share = ((soldOut / variants) * 100).toFixed(1);
  console.log(
    `wrote ${relative(process.cwd(), options.output)}: ${options.products} products, ${variants} variants, ${share} % sold out, ${megabytes} MB`,
  );
}

main();
