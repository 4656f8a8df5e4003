import autocannon from 'autocannon';
import { cpuSeconds } from './processes.ts';

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
  /**
   * Requests per CPU-second of the server process (set when its pid is known): what a machine with
   * this core to itself would serve, independent of how busy the rest of the machine is.
   */
  perCpuSecond?: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The server's process, whose CPU time is measured across the run. */
  pid?: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** One autocannon run; latencies come from every response (autocannon's own summary has no p95). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const cpuBefore = options.pid ? cpuSeconds(options.pid) : Number.NaN;
  let instance!: autocannon.Instance;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        method: options.method ?? 'GET',
        headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
        body: options.body,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  const total = result.requests.total;
  const cpu = options.pid ? cpuSeconds(options.pid) - cpuBefore : Number.NaN;
  return {
    requests: total,
    reqPerSec: total / options.seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: total ? Math.round(result.throughput.total / total) : 0,
    ...(cpu > 0 ? { perCpuSecond: total / cpu } : {}),
  };
}
