/** The development API key (every scope): the evaluation reads any visitor, as a newsletter tool does. */
const developmentAuthorization = 'Bearer dev-api-key';

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[] }[];
}

/** Operations through the gateway over HTTP, as a shop's frontend or tool sends them. */
export class GatewayClient {
  constructor(private readonly url: string) {}

  /** The operation's data; any GraphQL error fails the evaluation with the operation's name. */
  async request<TData>(operation: string, variables: Record<string, unknown> = {}): Promise<TData> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: developmentAuthorization },
      body: JSON.stringify({ query: operation, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<TData>;
    if (body.errors !== undefined || body.data == null) {
      const name = /(?:query|mutation)\s+(\w+)/.exec(operation)?.[1] ?? 'operation';
      throw new Error(`${name} failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  }
}
