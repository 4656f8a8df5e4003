/** A staff session against a running `portico serve`, over real HTTP. */
export async function signInOverHttp(baseUrl: string, staff: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: staff.email, password: staff.password }),
  });
  if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return (response.headers.getSetCookie()[0] ?? '').split(';')[0]!;
}

export interface LoadResult {
  /** Status code → how many answers had it; 0 counts requests that got no answer at all. */
  statuses: Map<number, number>;
  /** 503 answers that came without a Retry-After header. */
  unavailableWithoutRetryAfter: number;
  successes: number;
}

/**
 * `workers` loops of one write (`write(i)`, expected 2xx) and one read each, until `stop()`; counts every
 * answer by status so a test can assert none was a 500 or a dropped connection.
 */
export function startLoad(
  workers: number,
  request: (iteration: number) => Promise<Response>,
): { result: LoadResult; successesReached(count: number): Promise<void>; stop(): Promise<LoadResult> } {
  const result: LoadResult = { statuses: new Map(), unavailableWithoutRetryAfter: 0, successes: 0 };
  let stopping = false;
  let iteration = 0;
  const waiters: Array<{ count: number; done: () => void }> = [];
  const record = (status: number) => {
    result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
    if (status >= 200 && status < 300) result.successes += 1;
    for (const waiter of waiters.filter((candidate) => result.successes >= candidate.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.done();
    }
  };
  const loops = Array.from({ length: workers }, async () => {
    while (!stopping) {
      iteration += 1;
      try {
        const response = await request(iteration);
        await response.arrayBuffer();
        if (response.status === 503 && !response.headers.get('retry-after')) result.unavailableWithoutRetryAfter += 1;
        record(response.status);
        // While the database is down, answers come back at once; do not spin on them.
        if (response.status === 503) await new Promise((done) => setTimeout(done, 50));
      } catch {
        record(0);
      }
    }
  });
  return {
    result,
    successesReached: (count) =>
      new Promise<void>((done) => {
        if (result.successes >= count) done();
        else waiters.push({ count, done });
      }),
    async stop() {
      stopping = true;
      await Promise.all(loops);
      return result;
    },
  };
}
