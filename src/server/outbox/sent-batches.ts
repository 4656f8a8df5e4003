export interface SentBatchesOptions {
  /** Records the ids as sent (one statement), only where this worker still holds the claim. */
  write: (ids: string[]) => Promise<void>;
  /** Most ids in one write. */
  maxIds?: number;
  /** How long the first id of a batch waits for others at most. */
  maxWaitMilliseconds?: number;
}

/**
 * Marks sent messages in batches instead of one UPDATE each. A batch is written once it is full, when
 * the caller flushes it (no other send is under way, so nobody would join), or `maxWaitMilliseconds`
 * after its first id. Until then the claim is held: a crash in between re-sends after the lease, as a
 * crash before a single UPDATE would (at least once).
 */
export function createSentBatches(options: SentBatchesOptions) {
  const maxIds = options.maxIds ?? 50;
  const maxWait = options.maxWaitMilliseconds ?? 20;
  let collecting: { ids: string[]; start: () => void; written: Promise<void>; timer: NodeJS.Timeout } | null = null;
  const writes = new Set<Promise<void>>();

  function flush(): void {
    if (!collecting) return;
    const batch = collecting;
    collecting = null;
    clearTimeout(batch.timer);
    batch.start();
  }

  return {
    /** Resolves once `id` is written as sent (rejects if that write failed). */
    add(id: string): Promise<void> {
      if (!collecting) {
        let start!: () => void;
        const ids: string[] = [];
        const written = new Promise<void>((resolve) => {
          start = resolve;
        }).then(() => options.write(ids));
        const tracked: Promise<void> = written.catch(() => {}).finally(() => writes.delete(tracked));
        writes.add(tracked);
        collecting = { ids, start, written, timer: setTimeout(flush, maxWait) };
      }
      const batch = collecting;
      batch.ids.push(id);
      if (batch.ids.length >= maxIds) flush();
      return batch.written;
    },
    /** Writes what is collected now. */
    flush,
    /** Writes what is collected now and waits for every write under way (shutdown, before handing claims back). */
    async settle(): Promise<void> {
      flush();
      await Promise.all(writes);
    },
  };
}
