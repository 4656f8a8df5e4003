import { expect, type APIRequestContext } from '@playwright/test';
import { demoStaff } from './fixtures.ts';

export interface CapturedMail {
  id: string;
  kind: string;
  to: string[];
  subject: string;
  text: string;
  /** Every http(s) link in the text body, in order. */
  links: string[];
}

/**
 * The newest captured email to an address, read through the staff outbox API exactly as the console's
 * Outbox page reads it. Polls until the in-process dispatcher has captured it.
 */
export async function latestMailTo(
  request: APIRequestContext,
  to: string,
  options: {
    kind?: string /** only mail newer than this message id (ids are time-ordered UUIDv7) */;
    after?: string;
  } = {},
): Promise<CapturedMail> {
  const { email, password } = demoStaff();
  const signIn = await request.post('/api/staff/session', { data: { email, password } });
  expect(signIn.ok(), await signIn.text()).toBeTruthy();
  let found: CapturedMail | undefined;
  await expect
    .poll(
      async () => {
        const query = new URLSearchParams({ to, status: 'sent', ...(options.kind ? { kind: options.kind } : {}) });
        const response = await request.get(`/api/staff/outbox-messages?${query}`);
        const body = (await response.json()) as {
          items: Array<{ id: string; kind: string; to: string[]; subject: string | null; text: string | null }>;
        };
        const item = body.items.find(
          (candidate) => candidate.text !== null && (!options.after || candidate.id > options.after),
        );
        found = item
          ? {
              id: item.id,
              kind: item.kind,
              to: item.to,
              subject: item.subject ?? '',
              text: item.text ?? '',
              links: item.text?.match(/https?:\/\/\S+/g) ?? [],
            }
          : undefined;
        return Boolean(found);
      },
      { timeout: 15_000, message: `no captured mail to ${to}` },
    )
    .toBe(true);
  return found!;
}
