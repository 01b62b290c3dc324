export interface GraphQLAnswer {
  data?: unknown;
  errors?: unknown[];
}

/** One GraphQL request; an HTTP error or any GraphQL error in the answer fails it. */
export async function requestGraphQL(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let answer: GraphQLAnswer;
  try {
    answer = JSON.parse(text) as GraphQLAnswer;
  } catch {
    throw new Error(`${url} answered ${response.status} with no JSON: ${text.slice(0, 300)}`);
  }
  if (response.status !== 200 || answer.errors !== undefined) {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 1_000)}`);
  }
  return answer;
}
