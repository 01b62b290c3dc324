/** The price facet's bands: a price on a boundary belongs to the higher band. */
export const priceBands = [
  { label: '0-25', below: 25 },
  { label: '25-50', below: 50 },
  { label: '50-100', below: 100 },
  { label: '100-200', below: 200 },
  { label: '200+', below: Number.POSITIVE_INFINITY },
] as const;

/** The index in `priceBands` of the band a price falls in. */
export function priceBandIndex(price: number): number {
  const index = priceBands.findIndex((band) => price < band.below);
  return index === -1 ? priceBands.length - 1 : index;
}

export function priceBandOf(price: number): string {
  return priceBands[priceBandIndex(price)]?.label as string;
}
