import { load } from './load.ts';
import { rssMb } from './processes.ts';

export interface MemoryResult {
  database: string;
  size: number;
  minutes: number;
  requests: number;
  failed: number;
  startMb: number;
  peakMb: number;
  endMb: number;
  /** The highest RSS in each minute (or each tenth of a shorter run). */
  trendMb: number[];
}

/**
 * The memory goal: serve under mixed load (every read scenario and small GET at once, two connections
 * each) for `minutes`, its RSS sampled every second, against 250 MB.
 */
export async function memoryRun(options: {
  database: string;
  size: number;
  pid: number;
  base: string;
  minutes: number;
  mix: Array<{ path: string; cookie: string | null }>;
}): Promise<MemoryResult> {
  const seconds = Math.max(1, Math.round(options.minutes * 60));
  const samples: number[] = [];
  const startMb = rssMb(options.pid);
  const timer = setInterval(() => samples.push(rssMb(options.pid)), 1000);
  try {
    const results = await Promise.all(
      options.mix.map((request) =>
        load({
          url: `${options.base}${request.path}`,
          connections: 2,
          seconds,
          headers: request.cookie ? { cookie: request.cookie } : {},
        }),
      ),
    );
    const bucket = seconds >= 120 ? 60 : Math.max(1, Math.ceil(seconds / 10));
    const trendMb: number[] = [];
    for (let index = 0; index < samples.length; index += bucket)
      trendMb.push(Math.round(Math.max(...samples.slice(index, index + bucket))));
    return {
      database: options.database,
      size: options.size,
      minutes: options.minutes,
      requests: results.reduce((sum, result) => sum + result.requests, 0),
      failed: results.reduce((sum, result) => sum + result.errors + result.non2xx, 0),
      startMb: Math.round(startMb),
      peakMb: Math.round(Math.max(startMb, ...samples)),
      endMb: Math.round(samples.at(-1) ?? startMb),
      trendMb,
    };
  } finally {
    clearInterval(timer);
  }
}
