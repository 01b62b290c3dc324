import { GraphQLError } from 'graphql';
import type { Taste } from '../../shared/catalog/taste.js';
import { notFound } from '../../shared/graphql/errors.js';
import { subjectFor } from './campaigns.js';
import { composeNewsletter, type NewsletterItem } from './compose.js';
import { type NewsletterContext, signalsFor } from './context.js';

interface VisitorWithTaste {
  id: string;
  preferences: Taste;
  consent: { newsletter: boolean | null };
  purchased: { id: string }[];
}

const reference = ({ product, reasons }: NewsletterItem) => ({ product: { id: product.id }, reasons });

export const resolvers = {
  Visitor: {
    newsletter: (
      visitor: VisitorWithTaste,
      { campaignId }: { campaignId: string },
      context: NewsletterContext,
    ) => {
      const { services } = context;
      const campaign = services.campaigns.get(campaignId);
      if (campaign === undefined) {
        throw notFound(`campaign "${campaignId.slice(0, 64)}" does not exist`, 'campaignId');
      }
      if (visitor.consent.newsletter !== true) {
        throw new GraphQLError(`visitor ${visitor.id} has not agreed to receive newsletters`, {
          extensions: { code: 'NO_NEWSLETTER_CONSENT' },
        });
      }
      const now = services.now();
      const { hero, blocks } = composeNewsletter(
        campaign,
        { taste: visitor.preferences, bought: new Set(visitor.purchased.map(({ id }) => id)) },
        signalsFor(context, visitor.id, campaign.id),
        services.catalog,
        now,
      );
      const items = [...(hero === null ? [] : [hero]), ...blocks.flatMap((block) => block.items)];
      return {
        campaignId: campaign.id,
        subject: subjectFor(campaign, visitor.preferences),
        products: items.map(({ product }) => ({ id: product.id })),
        hero: hero === null ? null : reference(hero),
        blocks: blocks.map((block) => ({ title: block.title, items: block.items.map(reference) })),
      };
    },
  },
};
