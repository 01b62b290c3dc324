import { parse as parseDelimited } from 'csv-parse/sync';
import { normalizeAttribute, type Product, type Variant } from '../catalog/product.js';
import { describeRowProblems, type FeedRow, feedRowSchema, requiredColumns } from './row.js';

export type FeedFormat = 'tsv' | 'csv' | 'json';

export interface SkippedRow {
  /** Line in a TSV/CSV file (the header is line 1), or position in a JSON array (from 1). */
  line: number;
  id: string | null;
  reason: string;
}

export interface FeedReport {
  rows: number;
  products: number;
  variants: number;
  skipped: SkippedRow[];
}

export interface ParsedFeed {
  products: Product[];
  report: FeedReport;
}

export interface FeedOptions {
  /** A `custom_label_N` value that marks the shop's own brands, compared case-insensitively. */
  ownBrandLabel: string;
}

/** The feed as a whole cannot be used: start-up stops with this message. */
export class FeedError extends Error {
  override name = 'FeedError';
}

interface RawRow {
  line: number;
  fields: Record<string, unknown>;
}

function readDelimited(text: string, delimiter: string): RawRow[] {
  let records: { record: Record<string, unknown>; info: { lines: number } }[];
  let columns: string[] = [];
  try {
    records = parseDelimited(text, {
      columns: (header: string[]) => {
        columns = header.map((name) => name.trim().toLowerCase());
        return columns;
      },
      delimiter,
      bom: true,
      info: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new FeedError(
      `feed is not valid ${delimiter === '\t' ? 'TSV' : 'CSV'}: ${(error as Error).message}`,
    );
  }
  // Checked on the header, not on the first row: a short first row is a bad row, not a bad feed.
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  if (records.length > 0 && missing.length > 0) {
    throw new FeedError(`feed header lacks the column(s) ${missing.join(', ')}`);
  }
  return records.map(({ record, info }) => ({ line: info.lines, fields: record }));
}

function readJson(text: string): RawRow[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FeedError(`feed is not valid JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(document) ? document : (document as { items?: unknown } | null)?.items;
  if (!Array.isArray(items))
    throw new FeedError('a JSON feed must be an array of rows or { "items": [...] }');
  return items.map((fields, index) => ({
    line: index + 1,
    fields: typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {},
  }));
}

/** JSON feeds may carry numbers where TSV has text; the row schema reads text. */
function asText(fields: Record<string, unknown>): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') result[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') result[key] = String(value);
  }
  return result;
}

function labelsOf(row: FeedRow): string[] {
  return [row.custom_label_0, row.custom_label_1, row.custom_label_2, row.custom_label_3, row.custom_label_4]
    .filter((label): label is string => label !== undefined)
    .map(normalizeAttribute);
}

function stockOf(row: FeedRow): number {
  if (row.availability === 'out_of_stock') return 0;
  // Without a quantity column the feed only says "available": counted as one piece.
  return row.quantity ?? 1;
}

function categoryPathOf(productType: string): string[] {
  return productType
    .split('>')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function productFromRow(groupId: string, row: FeedRow, options: FeedOptions): Product {
  const labels = labelsOf(row);
  const categoryPath = categoryPathOf(row.product_type);
  const regularPrice = row.price.amount;
  const salePrice = row.sale_price?.amount;
  return {
    id: groupId,
    title: row.title,
    description: row.description ?? '',
    brand: row.brand,
    category: categoryPath.at(-1) ?? row.product_type,
    categoryPath,
    gender: row.gender ?? null,
    price: salePrice !== undefined && salePrice < regularPrice ? salePrice : regularPrice,
    regularPrice,
    currency: row.price.currency ?? 'EUR',
    ownBrand: labels.includes(normalizeAttribute(options.ownBrandLabel)),
    url: row.link ?? null,
    imageUrl: row.image_link ?? null,
    colors: [],
    variants: [],
    labels,
  };
}

/**
 * Reads a Merchant Center feed into products. Rows that cannot be used are skipped and listed in
 * the report with their line and reason; the feed as a whole fails only when it cannot be read.
 */
export function parseFeed(text: string, format: FeedFormat, options: FeedOptions): ParsedFeed {
  const rawRows = format === 'json' ? readJson(text) : readDelimited(text, format === 'tsv' ? '\t' : ',');
  if (rawRows.length === 0) throw new FeedError('feed has no rows');

  const products = new Map<string, Product>();
  const seenSkus = new Set<string>();
  const skipped: SkippedRow[] = [];
  let variants = 0;

  for (const raw of rawRows) {
    const fields = asText(raw.fields);
    const parsed = feedRowSchema.safeParse(fields);
    if (!parsed.success) {
      skipped.push({
        line: raw.line,
        id: fields.id?.trim() || null,
        reason: describeRowProblems(parsed.error),
      });
      continue;
    }
    const row = parsed.data;
    if (seenSkus.has(row.id)) {
      skipped.push({ line: raw.line, id: row.id, reason: `id: "${row.id}" appears more than once` });
      continue;
    }
    const groupId = row.item_group_id ?? row.id;
    const product = products.get(groupId) ?? productFromRow(groupId, row, options);
    const variant: Variant = { sku: row.id, size: row.size, color: row.color, stock: stockOf(row) };
    const twin = product.variants.find(
      (other) =>
        normalizeAttribute(other.size) === normalizeAttribute(variant.size) &&
        normalizeAttribute(other.color) === normalizeAttribute(variant.color),
    );
    if (twin !== undefined) {
      skipped.push({
        line: raw.line,
        id: row.id,
        reason: `size "${row.size}" in colour "${row.color}" is already variant "${twin.sku}" of "${groupId}"`,
      });
      continue;
    }
    seenSkus.add(row.id);
    product.variants.push(variant);
    if (!product.colors.some((color) => normalizeAttribute(color) === normalizeAttribute(row.color))) {
      product.colors.push(row.color);
    }
    products.set(groupId, product);
    variants += 1;
  }

  if (products.size === 0) {
    throw new FeedError(
      `feed has no usable rows (${skipped.length} skipped, first: ${formatSkipped(skipped[0])})`,
    );
  }
  return {
    products: [...products.values()],
    report: { rows: rawRows.length, products: products.size, variants, skipped },
  };
}

function formatSkipped(row: SkippedRow | undefined): string {
  return row === undefined ? 'none' : `line ${row.line}: ${row.reason}`;
}

/** The one-paragraph summary printed at start-up: counts, then every skipped row with its reason. */
export function summarizeFeedReport(source: string, report: FeedReport): string {
  const head = `feed ${source}: ${report.rows} rows, ${report.products} products, ${report.variants} variants, ${report.skipped.length} rows skipped`;
  const lines = report.skipped.map(
    (row) => `  line ${row.line}${row.id ? ` (${row.id})` : ''}: ${row.reason}`,
  );
  return [head, ...lines].join('\n');
}
