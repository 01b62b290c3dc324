import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { HttpError, sendJson } from '../../shared/http/server.js';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import { authenticateEdge } from './credentials.js';
import { OperationFailed, runOperation } from './operation.js';
import { type TrackingLinks, trackingIdPattern } from './tracking-links.js';

export const newsletterPrefix = '/newsletter/';

const newsletterQuery = `query NewsletterForTool($visitorId: ID!, $campaignId: ID!) {
  visitor(id: $visitorId) {
    newsletter(campaignId: $campaignId) {
      campaignId
      subject
      hero { ...NewsletterItemFields }
      blocks { title items { ...NewsletterItemFields } }
    }
  }
}

fragment NewsletterItemFields on NewsletterItem {
  product { id title brand price currency imageUrl url }
  reasons
}`;

interface NewsletterProduct {
  id: string;
  title: string;
  brand: string;
  price: number;
  currency: string;
  imageUrl: string | null;
  url: string | null;
}

interface NewsletterItem {
  product: NewsletterProduct;
  reasons: string[];
}

interface NewsletterData {
  visitor: {
    newsletter: {
      campaignId: string;
      subject: string;
      hero: NewsletterItem | null;
      blocks: { title: string; items: NewsletterItem[] }[];
    } | null;
  } | null;
}

type LinkedProduct = Omit<NewsletterProduct, 'url'> & {
  /** A signed tracking link to the product page; null for a product without a page. */
  link: string | null;
  /** Why this product, for a tool that shows it (or for the shop's own analysis). */
  reasons: string[];
};

export interface NewsletterJson {
  campaignId: string;
  visitorId: string;
  subject: string;
  hero: LinkedProduct | null;
  blocks: { title: string; products: LinkedProduct[] }[];
  /** Every product in reading order: the hero, then each block's. */
  products: LinkedProduct[];
}

const pathPattern = /^\/newsletter\/([^/]*)\/([^/]*)\.(json|html)$/;

function isHttpUrl(value: string | null): value is string {
  if (value === null) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The origin the recipient reaches this gateway at, for the links in the content. */
function publicOrigin(request: IncomingMessage, config: GatewayConfig): string {
  const host = request.headers.host ?? `${config.host}:${config.port}`;
  const fromProxy = config.trustedProxies.has(request.socket.remoteAddress ?? '');
  const proto = fromProxy && request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

/** The API key's context: `Authorization: Bearer <key>`, or `?key=` for tools that only fetch URLs. */
async function toolContext(
  request: IncomingMessage,
  url: URL,
  config: GatewayConfig,
): Promise<GatewayContext> {
  const context = await authenticateEdge(
    request,
    config,
    url.searchParams.get('key') ?? undefined,
    'send an API key as Authorization or as ?key=',
  );
  const { caller } = context;
  if (caller.kind !== 'service' || !caller.scopes.includes('visitors:read'))
    throw new HttpError(403, 'an API key with the scope visitors:read is needed');
  return context;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

function formatPrice(price: number, currency: string): string {
  try {
    return new Intl.NumberFormat('de-DE', { style: 'currency', currency }).format(price);
  } catch {
    return `${price.toFixed(2)} ${currency}`;
  }
}

const font = 'font-family:Arial,Helvetica,sans-serif;color:#222222;';

/** The product's link around `inner`, and its image at `width` pixels, if it has them. */
function linkedImage(
  product: LinkedProduct,
  width: number,
): { wrap: (inner: string) => string; image: string } {
  const wrap = (inner: string) =>
    product.link === null
      ? inner
      : `<a href="${escapeHtml(product.link)}" style="color:#222222;text-decoration:none;">${inner}</a>`;
  const image =
    product.imageUrl !== null && isHttpUrl(product.imageUrl)
      ? wrap(
          `<img src="${escapeHtml(product.imageUrl)}" width="${width}" alt="${escapeHtml(product.title)}" style="display:block;border:0;width:${width}px;max-width:100%;height:auto;">`,
        )
      : '';
  return { wrap, image };
}

function productBlock(product: LinkedProduct): string {
  const { wrap, image } = linkedImage(product, 180);
  return `<tr><td style="padding:12px 0;border-top:1px solid #eeeeee;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td width="190" valign="top" style="padding-right:10px;">${image}</td>
<td valign="top" style="${font}font-size:14px;line-height:20px;">
<div style="font-size:12px;color:#666666;">${escapeHtml(product.brand)}</div>
<div style="font-weight:bold;">${wrap(escapeHtml(product.title))}</div>
<div style="padding-top:4px;">${escapeHtml(formatPrice(product.price, product.currency))}</div>
</td></tr></table>
</td></tr>`;
}

/** The product the email leads with: full width, larger type. */
function heroBlock(product: LinkedProduct): string {
  const { wrap, image } = linkedImage(product, 600);
  return `<tr><td style="padding:0 0 16px 0;">${image}
<div style="${font}font-size:12px;color:#666666;padding-top:8px;">${escapeHtml(product.brand)}</div>
<div style="${font}font-size:18px;line-height:24px;font-weight:bold;">${wrap(escapeHtml(product.title))}</div>
<div style="${font}font-size:16px;padding-top:4px;">${escapeHtml(formatPrice(product.price, product.currency))}</div>
</td></tr>`;
}

function sectionTitle(title: string): string {
  return `<tr><td style="${font}font-size:16px;line-height:22px;font-weight:bold;padding:16px 0 4px 0;">${escapeHtml(title)}</td></tr>`;
}

/** An email-safe fragment: tables and inline styles only, no scripts, every text escaped. */
export function newsletterHtml(content: NewsletterJson, pixelUrl: string): string {
  const sections = content.blocks.map(
    (block) => `${sectionTitle(block.title)}\n${block.products.map(productBlock).join('\n')}`,
  );
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;border-collapse:collapse;">
<tr><td style="${font}font-size:20px;line-height:26px;font-weight:bold;padding:0 0 12px 0;">${escapeHtml(content.subject)}</td></tr>
${content.hero === null ? '' : heroBlock(content.hero)}
${sections.join('\n')}
<tr><td><img src="${escapeHtml(pixelUrl)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px;"></td></tr>
</table>
`;
}

/**
 * `GET /newsletter/{campaignId}/{visitorId}.json|.html`: a visitor's content of a campaign for
 * newsletter tools (API key with visitors:read), with signed tracking links and, in HTML, an open
 * pixel. 400 for malformed ids, 404 for an unknown visitor or campaign.
 */
export function newsletterRoute(
  apollo: ApolloServer<GatewayContext>,
  config: GatewayConfig,
  links: TrackingLinks,
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'use GET');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = pathPattern.exec(url.pathname);
    if (match === null) throw new HttpError(404, 'use /newsletter/{campaignId}/{visitorId}.json or .html');
    const [, campaignId = '', visitorId = '', format] = match;
    if (!trackingIdPattern.test(campaignId))
      throw new HttpError(400, 'campaignId: 1 to 64 of A-Z a-z 0-9 _ -');
    if (!trackingIdPattern.test(visitorId)) throw new HttpError(400, 'visitorId: 1 to 64 of A-Z a-z 0-9 _ -');
    const context = await toolContext(request, url, config);

    let data: NewsletterData;
    try {
      data = await runOperation<NewsletterData>(apollo, newsletterQuery, { visitorId, campaignId }, context);
    } catch (error) {
      if (error instanceof OperationFailed) {
        const notFound = error.errors.find((problem) => problem.extensions?.code === 'NOT_FOUND');
        if (notFound !== undefined) throw new HttpError(404, notFound.message);
        throw new HttpError(error.status, error.message);
      }
      throw error;
    }
    if (data.visitor === null) throw new HttpError(404, `visitor "${visitorId}" does not exist`);
    const newsletter = data.visitor.newsletter;
    if (newsletter === null) throw new HttpError(404, `campaign "${campaignId}" does not exist`);

    const origin = publicOrigin(request, config);
    const linked = ({ product, reasons }: NewsletterItem): LinkedProduct => ({
      id: product.id,
      title: product.title,
      brand: product.brand,
      price: product.price,
      currency: product.currency,
      imageUrl: product.imageUrl,
      link: isHttpUrl(product.url)
        ? links.clickUrl(origin, { v: visitorId, c: newsletter.campaignId, p: product.id, u: product.url })
        : null,
      reasons,
    });
    const hero = newsletter.hero === null ? null : linked(newsletter.hero);
    const blocks = newsletter.blocks.map((block) => ({
      title: block.title,
      products: block.items.map(linked),
    }));
    const content: NewsletterJson = {
      campaignId: newsletter.campaignId,
      visitorId,
      subject: newsletter.subject,
      hero,
      blocks,
      products: [...(hero === null ? [] : [hero]), ...blocks.flatMap((block) => block.products)],
    };
    const headers = { 'cache-control': 'private, max-age=300', vary: 'Authorization' };
    if (format === 'json') {
      response.setHeader('cache-control', headers['cache-control']);
      response.setHeader('vary', headers.vary);
      sendJson(response, 200, content);
      return;
    }
    const body = newsletterHtml(
      content,
      links.openPixelUrl(origin, { v: visitorId, c: newsletter.campaignId }),
    );
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
