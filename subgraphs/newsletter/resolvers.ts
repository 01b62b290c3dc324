import { GraphQLError } from 'graphql';
import { rankByTaste } from '../../shared/catalog/ranking.js';
import { type Taste, TasteScorer, topValue } from '../../shared/catalog/taste.js';
import { notFound } from '../../shared/graphql/errors.js';
import { subjectFor } from './campaigns.js';
import type { NewsletterContext } from './context.js';

interface VisitorWithTaste {
  id: string;
  preferences: Taste;
  consent: { newsletter: boolean | null };
}

export const resolvers = {
  Visitor: {
    newsletter: (
      visitor: VisitorWithTaste,
      { campaignId }: { campaignId: string },
      { services }: NewsletterContext,
    ) => {
      const campaign = services.campaigns.get(campaignId);
      if (campaign === undefined) {
        throw notFound(`campaign "${campaignId.slice(0, 64)}" does not exist`, 'campaignId');
      }
      if (visitor.consent.newsletter !== true) {
        throw new GraphQLError(`visitor ${visitor.id} has not agreed to receive newsletters`, {
          extensions: { code: 'NO_NEWSLETTER_CONSENT' },
        });
      }
      const size = topValue(visitor.preferences.sizes);
      const products = rankByTaste(services.catalog, new TasteScorer(visitor.preferences), {
        sizes: size === undefined ? [] : [size],
        exclude: new Set(),
        limit: campaign.productCount,
      });
      return {
        campaignId: campaign.id,
        subject: subjectFor(campaign, visitor.preferences),
        products: products.map(({ product }) => ({ id: product.id })),
      };
    },
  },
};
