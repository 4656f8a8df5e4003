/** How much one retention run may delete from one table: batches of `batchSize` rows, at most `maxBatches`. */
export interface PurgeLimits {
  batchSize: number;
  maxBatches: number;
}

/**
 * Deletes in short statements of at most `batchSize` rows, so no run holds a table's lock for long. Stops
 * after a batch that found fewer (nothing older is left) or after `maxBatches` (the next run goes on).
 */
export async function purgeInBatches(
  limits: PurgeLimits,
  deleteBatch: (limit: number) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < limits.maxBatches; batch += 1) {
    const deleted = await deleteBatch(limits.batchSize);
    total += deleted;
    if (deleted < limits.batchSize) break;
  }
  return total;
}
