import { type Taste, TasteScorer } from '../../shared/catalog/taste.js';
import { rankingSeed } from '../../shared/reactions/signals.js';
import { badUserInput, checkLimit, notFound } from '../../shared/graphql/errors.js';
import type { RecommendationContext } from './context.js';
import { nothingLearned } from './learning/pairs.js';
import { type Placement, recommend, type SearchIntent } from './recommender.js';
import { type LastSearch, wishOf } from './wish.js';

interface VisitorWithTaste {
  id: string;
  preferences: Taste;
  lastSearch: (LastSearch & SearchIntent) | null;
  purchased: { id: string }[];
}

interface RecommendationArgs {
  placement: Placement;
  productId?: string | null;
  limit: number;
}

export const resolvers = {
  Visitor: {
    recommendations: async (
      visitor: VisitorWithTaste,
      args: RecommendationArgs,
      context: RecommendationContext,
    ) => {
      const limit = checkLimit(args.limit, 'limit', 50);
      if (args.placement === 'PRODUCT_DETAIL' && args.productId == null) {
        throw badUserInput('productId is required for placement PRODUCT_DETAIL', 'productId');
      }
      const anchor = args.productId == null ? null : await context.loaders.product.load(args.productId);
      if (args.productId != null && anchor === null) {
        throw notFound(`productId "${args.productId.slice(0, 64)}" is not in the catalog`, 'productId');
      }
      // Only the placements next to a product use what visitors did with it.
      const usesPairs = args.placement === 'PRODUCT_DETAIL' || args.placement === 'CART';
      const learned =
        anchor !== null && usesPairs ? await context.loaders.pairs.load(anchor.id) : nothingLearned;
      const { services } = context;
      const now = services.now();
      const recommendations = recommend(
        {
          placement: args.placement,
          anchor,
          limit,
          scorer: new TasteScorer(visitor.preferences),
          wish: wishOf(visitor.preferences, visitor.lastSearch, now),
          learned,
          bought: new Set(visitor.purchased.map(({ id }) => id)),
          searchIntent: visitor.lastSearch,
          popularity: services.signals.popularity(),
          lift: services.signals.liftAt(
            args.placement,
            rankingSeed(visitor.id, args.placement, args.productId),
          ),
          merchandiser: services.merchandiser,
        },
        services.catalog,
        now,
      );
      return recommendations.map(({ product, score, reasons }) => ({
        product: { id: product.id },
        score,
        reasons,
      }));
    },
  },
};
