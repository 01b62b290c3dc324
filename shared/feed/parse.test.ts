import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed, summarizeFeedReport } from './parse.js';

const options = { ownBrandLabel: 'eigenmarke' };

const columns = [
  'id',
  'item_group_id',
  'title',
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
];

type Row = Record<string, string>;

const pants: Row = {
  id: 'JG-00001-BLA-M',
  item_group_id: 'JG-00001',
  title: 'Laufhose Tempo',
  link: 'https://shop.example/p/JG-00001',
  image_link: 'https://shop.example/img/JG-00001-blau.jpg',
  price: '39.95 EUR',
  sale_price: '',
  availability: 'in_stock',
  brand: 'Laufwerk',
  color: 'blau',
  size: 'M',
  gender: 'male',
  product_type: 'Bekleidung > Hosen > Laufhosen',
  quantity: '5',
  custom_label_0: 'eigenmarke',
};

const shirt: Row = {
  ...pants,
  id: 'JG-00002-WEI-L',
  item_group_id: 'JG-00002',
  title: 'Hemd Kiel',
  brand: 'Küstenwind',
  color: 'weiß',
  size: 'L',
  product_type: 'Bekleidung > Oberteile > Hemden',
  custom_label_0: '',
};

/** A TSV feed: the header is line 1, so `rows[i]` is on line i + 2. */
function tsv(rows: Row[], header = columns): string {
  return [header.join('\t'), ...rows.map((row) => header.map((column) => row[column] ?? '').join('\t'))].join(
    '\n',
  );
}

function feedError(run: () => unknown): FeedError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('expected a FeedError, but the feed was read');
}

describe('parseFeed', () => {
  it('reads a TSV row into a product with its category path, price, links and labels', () => {
    const { products, report } = parseFeed(tsv([pants]), 'tsv', options);

    expect(products).toEqual([
      {
        id: 'JG-00001',
        title: 'Laufhose Tempo',
        description: '',
        brand: 'Laufwerk',
        category: 'Laufhosen',
        categoryPath: ['Bekleidung', 'Hosen', 'Laufhosen'],
        gender: 'male',
        price: 39.95,
        regularPrice: 39.95,
        currency: 'EUR',
        ownBrand: true,
        url: 'https://shop.example/p/JG-00001',
        imageUrl: 'https://shop.example/img/JG-00001-blau.jpg',
        colors: ['blau'],
        variants: [{ sku: 'JG-00001-BLA-M', size: 'M', color: 'blau', stock: 5 }],
        labels: ['eigenmarke'],
      },
    ]);
    expect(report).toEqual({ rows: 1, products: 1, variants: 1, skipped: [] });
  });

  it('groups rows of one item_group_id into one product with a variant per size and colour', () => {
    const feed = tsv([
      pants,
      { ...pants, id: 'JG-00001-BLA-XL', size: 'XL', availability: 'out_of_stock', quantity: '0' },
      shirt,
      { ...pants, id: 'JG-00001-SWZ-XL', color: 'schwarz', size: 'XL', quantity: '3' },
    ]);

    const { products, report } = parseFeed(feed, 'tsv', options);

    expect(products.map((product) => product.id)).toEqual(['JG-00001', 'JG-00002']);
    const [running] = products;
    expect(running?.colors).toEqual(['blau', 'schwarz']);
    expect(running?.variants).toEqual([
      { sku: 'JG-00001-BLA-M', size: 'M', color: 'blau', stock: 5 },
      { sku: 'JG-00001-BLA-XL', size: 'XL', color: 'blau', stock: 0 },
      { sku: 'JG-00001-SWZ-XL', size: 'XL', color: 'schwarz', stock: 3 },
    ]);
    expect(report).toEqual({ rows: 4, products: 2, variants: 4, skipped: [] });
  });

  it('counts an out_of_stock variant as sold out even when it states a quantity', () => {
    const { products } = parseFeed(
      tsv([{ ...pants, availability: 'out_of_stock', quantity: '7' }]),
      'tsv',
      options,
    );

    expect(products[0]?.variants[0]?.stock).toBe(0);
  });

  it('counts an available variant without a quantity as one piece', () => {
    const { products } = parseFeed(tsv([{ ...pants, quantity: '' }]), 'tsv', options);

    expect(products[0]?.variants[0]?.stock).toBe(1);
  });

  it('reads availability written with spaces, as older feeds do', () => {
    const feed = tsv([
      { ...pants, availability: 'in stock' },
      { ...pants, id: 'JG-00001-BLA-L', size: 'L', availability: 'Out Of Stock' },
    ]);

    const { products, report } = parseFeed(feed, 'tsv', options);

    expect(report.skipped).toEqual([]);
    expect(products[0]?.variants.map((variant) => variant.stock)).toEqual([5, 0]);
  });

  it('makes a row without item_group_id a product of its own, named by the row id', () => {
    const { products } = parseFeed(tsv([{ ...pants, item_group_id: '' }]), 'tsv', options);

    expect(products[0]?.id).toBe('JG-00001-BLA-M');
  });

  it('takes a sale_price below the price as the price to pay and keeps the regular price', () => {
    const { products } = parseFeed(tsv([{ ...pants, sale_price: '29.95 EUR' }]), 'tsv', options);

    expect(products[0]).toMatchObject({ price: 29.95, regularPrice: 39.95 });
  });

  it('ignores a sale_price that is not below the price', () => {
    const { products } = parseFeed(tsv([{ ...pants, sale_price: '49.95 EUR' }]), 'tsv', options);

    expect(products[0]).toMatchObject({ price: 39.95, regularPrice: 39.95 });
  });

  it('marks a product as own brand when any custom label matches the configured label, whatever its case', () => {
    const header = [...columns, 'custom_label_3'];
    const feed = tsv(
      [
        { ...pants, custom_label_0: '', custom_label_3: 'EigenMarke' },
        { ...shirt, custom_label_0: 'premium' },
      ],
      header,
    );

    const { products } = parseFeed(feed, 'tsv', { ownBrandLabel: 'EIGENMARKE' });

    expect(products.map((product) => [product.brand, product.ownBrand, product.labels])).toEqual([
      ['Laufwerk', true, ['eigenmarke']],
      ['Küstenwind', false, ['premium']],
    ]);
  });

  it('reads a CSV feed with quoted fields that hold commas, quotes and line breaks', () => {
    const feed = [
      'ID,Title,Description,Price,Availability,Brand,Color,Size,Product_Type',
      'H-1,"Hemd ""Kiel"", tailliert","Aus Leinen, bügelleicht.',
      'Für warme Tage.",49.95 EUR,in_stock,Küstenwind,weiß,L,"Bekleidung > Oberteile > Hemden"',
      'H-2,Hemd Kiel,,49.95 EUR,in_stock,Küstenwind,weiß,XL,Bekleidung > Oberteile > Hemden',
    ].join('\r\n');

    const { products, report } = parseFeed(feed, 'csv', options);

    expect(report).toEqual({ rows: 2, products: 2, variants: 2, skipped: [] });
    expect(products[0]).toMatchObject({
      title: 'Hemd "Kiel", tailliert',
      description: 'Aus Leinen, bügelleicht.\r\nFür warme Tage.',
      categoryPath: ['Bekleidung', 'Oberteile', 'Hemden'],
      price: 49.95,
    });
  });

  it('reads a JSON array of rows, numbers included', () => {
    const feed = JSON.stringify([
      { ...pants, price: '39.95', quantity: 4 },
      { ...pants, id: 'JG-00001-BLA-L', size: 'L', quantity: 0, availability: 'out_of_stock' },
    ]);

    const { products, report } = parseFeed(feed, 'json', options);

    expect(report).toEqual({ rows: 2, products: 1, variants: 2, skipped: [] });
    expect(products[0]?.variants.map((variant) => [variant.size, variant.stock])).toEqual([
      ['M', 4],
      ['L', 0],
    ]);
    expect(products[0]?.currency).toBe('EUR');
  });

  it('reads a JSON document of the form { items: [...] }', () => {
    const { products } = parseFeed(JSON.stringify({ items: [pants, shirt] }), 'json', options);

    expect(products.map((product) => product.title)).toEqual(['Laufhose Tempo', 'Hemd Kiel']);
  });

  it('skips bad rows with their line and reason and still reads the good ones', () => {
    const feed = tsv([
      pants,
      { ...pants, id: 'JG-00001-BLA-L', size: 'L', price: '39,95 EUR' },
      { ...pants, id: 'JG-00001-BLA-S', size: 'S', brand: ' ' },
      { ...pants, id: 'JG-00001-BLA-XS', size: 'XS', availability: 'vielleicht' },
      { ...pants, size: 'XXL' },
      { ...pants, id: 'JG-00001-BLA-M2' },
      { ...pants, id: 'JG-00001-BLA-XL', size: 'XL', quantity: '-2' },
      shirt,
    ]);

    const { products, report } = parseFeed(feed, 'tsv', options);

    expect(report.skipped).toEqual([
      { line: 3, id: 'JG-00001-BLA-L', reason: 'price: is not a price like "29.99 EUR"' },
      { line: 4, id: 'JG-00001-BLA-S', reason: 'brand: is empty' },
      {
        line: 5,
        id: 'JG-00001-BLA-XS',
        reason: 'availability: is not one of in_stock, out_of_stock, preorder, backorder',
      },
      { line: 6, id: 'JG-00001-BLA-M', reason: 'id: "JG-00001-BLA-M" appears more than once' },
      {
        line: 7,
        id: 'JG-00001-BLA-M2',
        reason: 'size "M" in colour "blau" is already variant "JG-00001-BLA-M" of "JG-00001"',
      },
      { line: 8, id: 'JG-00001-BLA-XL', reason: 'quantity: is negative' },
    ]);
    expect(report).toMatchObject({ rows: 8, products: 2, variants: 2 });
    expect(products.flatMap((product) => product.variants.map((variant) => variant.sku))).toEqual([
      'JG-00001-BLA-M',
      'JG-00002-WEI-L',
    ]);
  });

  it('treats size and colour case-insensitively when it looks for a second row of the same variant', () => {
    const feed = tsv([pants, { ...pants, id: 'JG-00001-BLA-m', size: 'm', color: 'Blau' }]);

    const { report } = parseFeed(feed, 'tsv', options);

    expect(report.skipped.map((row) => row.line)).toEqual([3]);
  });

  it('counts file lines, blank lines and line breaks inside quotes included, for skipped rows', () => {
    const feed = [
      'id,title,description,price,availability,brand,color,size,product_type',
      'H-1,Hemd Kiel,"Zwei',
      'Zeilen",49.95 EUR,in_stock,Küstenwind,weiß,L,Hemden',
      '',
      'H-2,Hemd Kiel,,teuer,in_stock,Küstenwind,weiß,XL,Hemden',
    ].join('\n');

    const { report } = parseFeed(feed, 'csv', options);

    expect(report.skipped).toEqual([
      { line: 5, id: 'H-2', reason: 'price: is not a price like "29.99 EUR"' },
    ]);
  });

  it('numbers the rows of a JSON feed from 1 and names a missing attribute', () => {
    const { brand: _brand, ...withoutBrand } = shirt;
    const feed = JSON.stringify([pants, withoutBrand, 'not a row']);

    const { report } = parseFeed(feed, 'json', options);

    expect(report.skipped).toEqual([
      { line: 2, id: 'JG-00002-WEI-L', reason: 'brand: is missing' },
      { line: 3, id: null, reason: expect.stringContaining('id: is missing') },
    ]);
  });

  it('reports a short first row as a bad row, not as a header that lacks the column', () => {
    const feed = tsv([pants, shirt]).replace('\tBekleidung > Hosen > Laufhosen\t5\teigenmarke', '');

    const { products, report } = parseFeed(feed, 'tsv', options);

    expect(report.skipped).toEqual([{ line: 2, id: 'JG-00001-BLA-M', reason: 'product_type: is missing' }]);
    expect(products.map((product) => product.id)).toEqual(['JG-00002']);
  });

  it('refuses a feed whose header lacks required columns, naming each', () => {
    const header = columns.filter((column) => column !== 'brand' && column !== 'size');

    const error = feedError(() => parseFeed(tsv([pants], header), 'tsv', options));

    expect(error.message).toBe('feed header lacks the column(s) brand, size');
  });

  it('refuses a feed that is not valid JSON', () => {
    const error = feedError(() => parseFeed('[{"id": "JG-1",', 'json', options));

    expect(error.message).toMatch(/^feed is not valid JSON: /);
  });

  it('refuses JSON that is neither an array of rows nor { items: [...] }', () => {
    const error = feedError(() => parseFeed('{"products": []}', 'json', options));

    expect(error.message).toContain('{ "items": [...] }');
  });

  it('refuses a feed without rows', () => {
    expect(feedError(() => parseFeed('', 'tsv', options)).message).toBe('feed has no rows');
    expect(feedError(() => parseFeed(tsv([]), 'tsv', options)).message).toBe('feed has no rows');
    expect(feedError(() => parseFeed('[]', 'json', options)).message).toBe('feed has no rows');
  });

  it('refuses a feed in which no row can be used, quoting the first reason', () => {
    const feed = tsv([
      { ...pants, price: 'gratis' },
      { ...shirt, size: '' },
    ]);

    const error = feedError(() => parseFeed(feed, 'tsv', options));

    expect(error.message).toBe(
      'feed has no usable rows (2 skipped, first: line 2: price: is not a price like "29.99 EUR")',
    );
  });
});

describe('summarizeFeedReport', () => {
  it('gives the counts, then every skipped row with its line, id and reason', () => {
    const feed = tsv([pants, { ...pants, id: '', size: 'L' }, { ...shirt, quantity: '1.5' }]);
    const { report } = parseFeed(feed, 'tsv', options);

    const [head, withoutId, withId, ...rest] = summarizeFeedReport('demo.tsv', report).split('\n');

    expect(head).toBe('feed demo.tsv: 3 rows, 1 products, 1 variants, 2 rows skipped');
    expect(withoutId).toMatch(/^ {2}line 3: id: is empty/);
    expect(withId).toBe('  line 4 (JG-00002-WEI-L): quantity: is not a whole number');
    expect(rest).toEqual([]);
  });

  it('is a single line when no row was skipped', () => {
    const { report } = parseFeed(tsv([pants, shirt]), 'tsv', options);

    expect(summarizeFeedReport('demo.tsv', report)).toBe(
      'feed demo.tsv: 2 rows, 2 products, 2 variants, 0 rows skipped',
    );
  });
});
