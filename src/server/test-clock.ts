import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from './clock.ts';

/** The system clock plus an offset that only grows: the e2e server's way to reach a timed step without waiting. */
export function createAdjustableClock() {
  let offsetMilliseconds = 0;
  return {
    now: () => new Date(Date.now() + offsetMilliseconds),
    advanceMinutes(minutes: number) {
      offsetMilliseconds += minutes * 60_000;
    },
  } satisfies Clock & Record<string, unknown>;
}

/**
 * End-to-end tests only: registered by `serve` when TEST_CLOCK_CONTROL is set, which the config refuses
 * with NODE_ENV=production, so no production server has this route. It moves the server's clock
 * forward (never back: queued messages and links stay in order) and runs the timed jobs at once, as the
 * minute-by-minute schedule would at that time.
 */
export const testClockRoutes: FastifyPluginAsyncZod<{
  clock: ReturnType<typeof createAdjustableClock>;
  runTimedJobs: () => Promise<Record<string, number>>;
}> = async (app, { clock, runTimedJobs }) => {
  app.post(
    '/api/test/clock/advance',
    {
      config: { access: 'staff:admin' },
      schema: {
        hide: true,
        body: z.strictObject({
          minutes: z
            .number()
            .int()
            .min(1)
            .max(24 * 60),
        }),
        response: { 200: z.object({ now: z.string(), ran: z.record(z.string(), z.number()) }) },
      },
    },
    async (request) => {
      clock.advanceMinutes(request.body.minutes);
      const ran = await runTimedJobs();
      return { now: clock.now().toISOString(), ran };
    },
  );
};
