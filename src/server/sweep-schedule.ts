import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs the periodic jobs (the turns' timed steps, retention) in the worker, or in the server when it delivers the
 * outbox itself. The job decides from the injected clock, so tests call it directly instead of waiting;
 * several workers may run it at once because every step it takes is claimed by a conditional UPDATE.
 */
export function createSweepSchedule(options: {
  run: () => Promise<Record<string, number>>;
  logger: FastifyBaseLogger;
  intervalMilliseconds?: number;
}) {
  const interval = options.intervalMilliseconds ?? 60_000;
  const logger = options.logger.child({ module: 'sweeps' });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  function tick() {
    running = options
      .run()
      .then((done) => {
        if (Object.values(done).some((count) => count > 0)) logger.info(done, 'timed jobs ran');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'timed jobs failed'))
      .finally(() => {
        if (timer) timer = setTimeout(tick, interval).unref();
      });
  }

  return {
    start(): void {
      if (timer) return;
      timer = setTimeout(tick, 1000).unref();
    },
    /** Stops scheduling and waits for a run in progress. */
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
