import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

/**
 * Updates go in chunks of this many. MongoDB takes any number at once, but FerretDB 1.24 (the
 * tests' MongoDB) stalls on large update batches: 300 upserts of one call never returned, the
 * same 300 in chunks of 25 took a second.
 */
export const writeChunkSize = 25;

/** `bulkWrite` of independent operations, in chunks; the chunks run one after another. */
export async function bulkWriteInChunks<TSchema extends Document>(
  collection: Collection<TSchema>,
  operations: readonly AnyBulkWriteOperation<TSchema>[],
): Promise<void> {
  for (let start = 0; start < operations.length; start += writeChunkSize) {
    await collection.bulkWrite(operations.slice(start, start + writeChunkSize), { ordered: false });
  }
}
