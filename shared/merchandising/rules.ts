import { z } from 'zod';
import { placements } from '../touchpoints.js';
import { normalizeQuery } from './query.js';

/** The merchandising file cannot be used: start-up stops with this message. */
export class MerchandisingError extends Error {
  override name = 'MerchandisingError';
}

const ruleId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"');
const reason = z.string().trim().min(1, 'must not be empty: it is what the visitor is shown');
const values = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'must list at least one value');
const placementList = z.array(z.enum(placements)).min(1, 'must list at least one placement');

/** Every given condition must hold; values are compared case-insensitively. */
const conditionSchema = z
  .strictObject({
    ownBrand: z.boolean().optional(),
    brands: values.optional(),
    /** The product's category or any element of its category path. */
    categories: values.optional(),
    labels: values.optional(),
    productIds: values.optional(),
  })
  .refine((when) => Object.values(when).some((value) => value !== undefined), {
    message: 'must give at least one condition (ownBrand, brands, categories, labels or productIds)',
  });

export type Condition = z.output<typeof conditionSchema>;

function factorAbove(minimum: number, action: string) {
  return z.number().gt(minimum, {
    error: (issue) =>
      `a ${action} factor must be greater than ${minimum}, got ${JSON.stringify(issue.input)}`,
  });
}

const boostSchema = z.strictObject({
  id: ruleId,
  action: z.literal('boost'),
  factor: factorAbove(1, 'boost'),
  when: conditionSchema,
  placements: placementList.optional(),
  reason,
});

const burySchema = z.strictObject({
  id: ruleId,
  action: z.literal('bury'),
  factor: factorAbove(0, 'bury').lt(1, {
    error: (issue) => `a bury factor must be less than 1, got ${JSON.stringify(issue.input)}`,
  }),
  when: conditionSchema,
  placements: placementList.optional(),
  reason,
});

const pinSchema = z
  .strictObject({
    id: ruleId,
    action: z.literal('pin'),
    /** Pinned in this order, ahead of everything else. */
    productIds: values,
    placements: placementList.optional(),
    queries: z
      .array(z.string().refine((query) => normalizeQuery(query) !== '', 'must not be empty'))
      .min(1, 'must list at least one query')
      .optional(),
    reason,
  })
  .superRefine((pin, context) => {
    if (pin.queries === undefined) return;
    // Queries restrict the pin in search only; elsewhere it would fire for every list, which
    // someone who wrote queries hardly meant. So the placements must be said out loud.
    if (pin.placements === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['placements'],
        message: 'must be given when queries are (queries apply only in SEARCH), e.g. ["SEARCH"]',
      });
    } else if (!pin.placements.includes('SEARCH')) {
      context.addIssue({
        code: 'custom',
        path: ['queries'],
        message: "apply only in SEARCH, which this pin's placements leave out",
      });
    }
  });

const ruleSchema = z.discriminatedUnion('action', [boostSchema, burySchema, pinSchema], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const action = (issue.input as { action?: unknown } | undefined)?.action;
    return `must be "boost", "bury" or "pin", got ${JSON.stringify(action) ?? 'nothing'}`;
  },
});

export type MerchandisingRule = z.output<typeof ruleSchema>;
export type WeightingRule = Extract<MerchandisingRule, { action: 'boost' | 'bury' }>;
export type PinRule = Extract<MerchandisingRule, { action: 'pin' }>;

const rulesSchema = z.strictObject({
  rules: z.array(ruleSchema).superRefine((rules, context) => {
    const firstIndex = new Map<string, number>();
    rules.forEach(({ id }, index) => {
      const earlier = firstIndex.get(id);
      if (earlier === undefined) firstIndex.set(id, index);
      else
        context.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `"${id}" is already the id of rules[${earlier}]`,
        });
    });
  }),
});

export type MerchandisingRules = z.output<typeof rulesSchema>;

/** `rules[2] ("sale-last")`: the rule as a person finds it in the file, by position and id. */
function ruleLabel(document: unknown, index: number): string {
  const rules = (document as { rules?: unknown } | null)?.rules;
  const id = Array.isArray(rules) ? (rules[index] as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' ? `rules[${index}] ("${id}")` : `rules[${index}]`;
}

/** `when.labels[0]`: a path as it reads in JSON. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function describeIssue(document: unknown, issue: z.core.$ZodIssue): string {
  const [first, second, ...rest] = issue.path;
  if (first === 'rules' && typeof second === 'number') {
    const field = fieldPath(rest);
    return `${ruleLabel(document, second)}: ${field === '' ? '' : `${field}: `}${issue.message}`;
  }
  return `${fieldPath(issue.path) || 'file'}: ${issue.message}`;
}

// "expected array, received undefined" says less than that the field is missing.
const missingIsRequired: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

/** Checks a parsed merchandising document; `source` names the file in every message. */
export function parseMerchandisingRules(document: unknown, source: string): MerchandisingRules {
  const parsed = rulesSchema.safeParse(document, { error: missingIsRequired });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => describeIssue(document, issue));
    throw new MerchandisingError(`merchandising file ${source} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
