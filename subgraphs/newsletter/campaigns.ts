import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type Taste, topValue } from '../../shared/catalog/taste.js';

const placeholders = ['size', 'color', 'brand', 'category'] as const;
type Placeholder = (typeof placeholders)[number];
const allowedPlaceholders: readonly string[] = placeholders.map((name) => `{${name}}`);

function placeholdersOnly(template: string, context: z.RefinementCtx): void {
  // Any braced name, not only \w: "{Größe}" must fail here rather than reach a subject.
  const unknown = [...new Set(template.match(/\{[^{}]*\}/g))].filter(
    (placeholder) => !allowedPlaceholders.includes(placeholder),
  );
  if (unknown.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `may use only the placeholders ${allowedPlaceholders.join(' ')}, found ${unknown.join(' ')}`,
    });
  }
}

/** How a block chooses its products among those the visitor can get in their size. */
export const blockPicks = ['taste', 'favourite-brand', 'own-brands', 'new-in'] as const;
export type BlockPick = (typeof blockPicks)[number];

const blockSchema = z.strictObject({
  title: z.string().min(1).superRefine(placeholdersOnly),
  fallbackTitle: z.string().min(1),
  pick: z.enum(blockPicks),
  productCount: z.number().int().min(1).max(12),
});

export type CampaignBlock = z.output<typeof blockSchema>;

const campaignSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"'),
  name: z.string().min(1),
  subject: z.string().min(1).superRefine(placeholdersOnly),
  fallbackSubject: z.string().min(1),
  productCount: z.number().int().min(1).max(24),
  /**
   * The sections under the hero product, each with its own pick. Without blocks the campaign has
   * one block of the visitor's taste, filling `productCount` with the hero.
   */
  blocks: z.array(blockSchema).max(6).optional(),
});

export type Campaign = z.output<typeof campaignSchema>;

const campaignsSchema = z
  .array(campaignSchema)
  .min(1)
  .superRefine((campaigns, context) => {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const { id } of campaigns) {
      if (seen.has(id)) repeated.add(id);
      seen.add(id);
    }
    if (repeated.size > 0) {
      const ids = [...repeated].map((id) => `"${id}"`).join(', ');
      context.addIssue({
        code: 'custom',
        message: `campaign ids must be unique, found more than once: ${ids}`,
      });
    }
  });

/** Reads and checks the campaigns file; start-up stops with a message naming the file and the fault. */
export async function loadCampaigns(path: string): Promise<Map<string, Campaign>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`campaigns file ${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`campaigns file ${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = campaignsSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`,
    );
    throw new Error(`campaigns file ${path} is invalid: ${problems.join('; ')}`);
  }
  return new Map(parsed.data.map((campaign) => [campaign.id, campaign]));
}

/**
 * Fills `{size}` `{color}` `{brand}` `{category}` from the visitor's top affinities. A text with
 * a gap reads worse than a general one, so any placeholder without a value means the fallback.
 */
export function fillTemplate(template: string, fallback: string, taste: Taste): string {
  const values: Record<Placeholder, string | undefined> = {
    size: topValue(taste.sizes),
    color: topValue(taste.colors),
    brand: topValue(taste.brands),
    category: topValue(taste.categories),
  };
  let complete = true;
  const filled = template.replace(/\{(\w+)\}/g, (_, name: Placeholder) => {
    const value = values[name];
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete ? filled : fallback;
}

export function subjectFor(campaign: Campaign, taste: Taste): string {
  return fillTemplate(campaign.subject, campaign.fallbackSubject, taste);
}

/** The campaign's blocks, or the one block of the visitor's taste a campaign without any has. */
export function blocksOf(campaign: Campaign): CampaignBlock[] {
  return (
    campaign.blocks ?? [
      {
        title: campaign.name,
        fallbackTitle: campaign.name,
        pick: 'taste',
        productCount: Math.max(1, campaign.productCount - 1),
      },
    ]
  );
}
