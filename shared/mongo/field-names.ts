/**
 * Attribute values and product ids become field names, which MongoDB forbids to hold "." or to
 * start with "$"; percent-encoding keeps them readable and reversible.
 */
export function encodeFieldName(value: string): string {
  return encodeURIComponent(value).replaceAll('.', '%2E');
}

/** A sub-document whose keys were written with `encodeFieldName`, with its keys decoded. */
export function decodeKeys<T>(record: Record<string, T> | undefined): Record<string, T> {
  const decoded: Record<string, T> = {};
  for (const [key, value] of Object.entries(record ?? {})) decoded[decodeURIComponent(key)] = value;
  return decoded;
}
