import { z } from 'zod';

/**
 * One row of a Google Merchant Center product feed: one variant (a size in a colour). Only the
 * attributes journeygraph uses are listed; other columns are ignored. `quantity` is not a Merchant
 * Center attribute: shops that know their stock per variant add it so that "in stock in XL" is a
 * count, not only the `availability` flag.
 */
const text = (max: number) =>
  z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();
const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }).optional())
  .optional();

/** Merchant Center writes prices as "29.99 EUR"; the currency may be left out. */
const pricePattern = /^(\d{1,7}(?:\.\d{1,2})?)(?:\s+([A-Z]{3}))?$/;

const price = z
  .string()
  .trim()
  .regex(pricePattern, 'is not a price like "29.99 EUR"')
  .transform((value) => {
    const [, amount, currency] = pricePattern.exec(value) as RegExpExecArray;
    return { amount: Number(amount), currency };
  });

const optionalPrice = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(price.optional())
  .optional();

const availabilities = ['in_stock', 'out_of_stock', 'preorder', 'backorder'] as const;

export const feedRowSchema = z.object({
  id: text(50).regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
  item_group_id: optionalText(50),
  title: text(150),
  description: optionalText(5000),
  link: optionalUrl,
  image_link: optionalUrl,
  price,
  sale_price: optionalPrice,
  availability: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => value.replaceAll(' ', '_'))
    .pipe(z.enum(availabilities, { error: `is not one of ${availabilities.join(', ')}` })),
  brand: text(70),
  color: text(40),
  size: text(20),
  gender: optionalText(20),
  product_type: text(750),
  quantity: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .string()
        .regex(/^-?\d+$/, 'is not a whole number')
        .transform(Number)
        .pipe(z.number().min(0, 'is negative').max(1_000_000, 'is above 1000000'))
        .optional(),
    )
    .optional(),
  custom_label_0: optionalText(100),
  custom_label_1: optionalText(100),
  custom_label_2: optionalText(100),
  custom_label_3: optionalText(100),
  custom_label_4: optionalText(100),
});

export type FeedRow = z.output<typeof feedRowSchema>;

export const requiredColumns = [
  'id',
  'title',
  'price',
  'availability',
  'brand',
  'color',
  'size',
  'product_type',
];

/** A row's problems in one line: `price: is not a price like "29.99 EUR"; size: is empty`. */
export function describeRowProblems(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.') || 'row';
      const message =
        issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
      return `${field}: ${message}`;
    })
    .join('; ');
}
