import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSentBatches } from './sent-batches.ts';

function recordingWrites(fail: (ids: string[]) => boolean = () => false) {
  const writes: string[][] = [];
  return {
    writes,
    async write(ids: string[]) {
      writes.push([...ids]);
      if (fail(ids)) throw new Error('database unreachable');
    },
  };
}

describe('sent batches', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a full batch at once and the rest when flushed, each id once', async () => {
    const target = recordingWrites();
    const batches = createSentBatches({ write: target.write, maxIds: 3, maxWaitMilliseconds: 60_000 });
    const first = ['a', 'b', 'c'].map((id) => batches.add(id));
    await Promise.all(first);
    expect(target.writes).toEqual([['a', 'b', 'c']]);
    const last = batches.add('d');
    batches.flush();
    await last;
    expect(target.writes).toEqual([['a', 'b', 'c'], ['d']]);
    await batches.settle();
    expect(target.writes).toHaveLength(2);
  });

  it('writes a batch that does not fill up once its first id has waited long enough', async () => {
    vi.useFakeTimers();
    const target = recordingWrites();
    const batches = createSentBatches({ write: target.write, maxIds: 50, maxWaitMilliseconds: 20 });
    const marked = [batches.add('a'), batches.add('b')];
    expect(target.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    await Promise.all(marked);
    expect(target.writes).toEqual([['a', 'b']]);
  });

  it('rejects every id of a failed write (their claims run out and they are sent again); later batches go on', async () => {
    const target = recordingWrites((ids) => ids.includes('a'));
    const batches = createSentBatches({ write: target.write, maxIds: 2 });
    const failed = [batches.add('a'), batches.add('b')];
    const results = await Promise.allSettled(failed);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const next = batches.add('c');
    await batches.settle();
    await expect(next).resolves.toBeUndefined();
    expect(target.writes).toEqual([['a', 'b'], ['c']]);
  });
});
