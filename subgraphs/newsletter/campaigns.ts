import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type Taste, topValue } from '../../shared/catalog/taste.js';

const placeholders = ['size', 'color', 'brand', 'category'] as const;
type Placeholder = (typeof placeholders)[number];

const campaignSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"'),
  name: z.string().min(1),
  subject: z
    .string()
    .min(1)
    .refine(
      (template) =>
        // Any braced name, not only \w: "{Größe}" must fail here rather than reach a subject.
        [...template.matchAll(/\{([^{}]*)\}/g)].every(([, name]) =>
          (placeholders as readonly string[]).includes(name ?? ''),
        ),
      { message: `may use only the placeholders ${placeholders.map((name) => `{${name}}`).join(' ')}` },
    ),
  fallbackSubject: z.string().min(1),
  productCount: z.number().int().min(1).max(24),
});

export type Campaign = z.output<typeof campaignSchema>;

const campaignsSchema = z
  .array(campaignSchema)
  .min(1)
  .refine((campaigns) => new Set(campaigns.map((campaign) => campaign.id)).size === campaigns.length, {
    message: 'campaign ids must be unique',
  });

/** Reads and checks the campaigns file; start-up stops with a message naming the file and the fault. */
export async function loadCampaigns(path: string): Promise<Map<string, Campaign>> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`campaigns file ${path} cannot be read: ${(error as Error).message}`, { cause: error });
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
 * Fills `{size}` `{color}` `{brand}` `{category}` from the visitor's top affinities. A subject
 * with a gap reads worse than a general one, so any unknown placeholder means the fallback.
 */
export function subjectFor(campaign: Campaign, taste: Taste): string {
  const values: Record<Placeholder, string | undefined> = {
    size: topValue(taste.sizes),
    color: topValue(taste.colors),
    brand: topValue(taste.brands),
    category: topValue(taste.categories),
  };
  let complete = true;
  const subject = campaign.subject.replace(/\{(\w+)\}/g, (_, name: Placeholder) => {
    const value = values[name];
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete ? subject : campaign.fallbackSubject;
}
