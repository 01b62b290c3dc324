import { normalizeAttribute, type Product } from '../catalog/product.js';
import type { Condition } from './rules.js';

export type ProductTest = (product: Product) => boolean;

function anyOf(
  wanted: readonly string[] | undefined,
  read: (product: Product) => readonly string[],
): ProductTest | null {
  if (wanted === undefined) return null;
  const set = new Set(wanted.map(normalizeAttribute));
  return (product) => read(product).some((value) => set.has(normalizeAttribute(value)));
}

/** A rule's `when` as one test; all given conditions must hold. */
export function compileCondition(when: Condition): ProductTest {
  const tests = [
    when.ownBrand === undefined ? null : (product: Product) => product.ownBrand === when.ownBrand,
    anyOf(when.brands, (product) => [product.brand]),
    anyOf(when.categories, (product) => [product.category, ...product.categoryPath]),
    anyOf(when.labels, (product) => product.labels),
    anyOf(when.productIds, (product) => [product.id]),
  ].filter((test): test is ProductTest => test !== null);
  return (product) => tests.every((test) => test(product));
}
