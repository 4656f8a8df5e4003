import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';

export interface CapturedMail {
  id: string;
  kind: string;
  to: string[];
  subject: string;
  text: string;
  /** Every http(s) link in the text body, in order. */
  links: string[];
}

/** The server under test writes every captured message here (CAPTURE_DIRECTORY), links intact. */
function mailDirectory(): string {
  const directory = process.env.E2E_DATA_DIRECTORY;
  if (!directory) throw new Error('global setup did not provide the e2e data directory');
  return join(directory, 'mail');
}

const sameRecipient = (left: string, right: string) =>
  left.toLowerCase() === right.toLowerCase() ||
  (/^\+?[\d\s()-]{7,}$/.test(right) && left.replace(/\D/g, '') === right.replace(/\D/g, ''));

/** Every captured message to an address so far, newest first (to check that nothing was sent). */
export function capturedMailTo(to: string): CapturedMail[] {
  const directory = mailDirectory();
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as Omit<CapturedMail, 'links'>)
    .filter((message) => message.to.some((recipient) => sameRecipient(recipient, to)))
    .sort((left, right) => right.id.localeCompare(left.id))
    .map((message) => ({ ...message, links: message.text.match(/https?:\/\/\S+/g) ?? [] }));
}

/**
 * The newest captured email or SMS to an address, read from the test mailbox the server writes (the
 * console's Outbox shows one-time links hidden). Polls until the in-process dispatcher has captured it.
 */
export async function latestMailTo(
  _request: APIRequestContext,
  to: string,
  options: {
    kind?: string /** only mail newer than this message id (ids are time-ordered UUIDv7) */;
    after?: string;
  } = {},
): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(
      () => {
        found = capturedMailTo(to).find(
          (candidate) =>
            (!options.kind || candidate.kind === options.kind) && (!options.after || candidate.id > options.after),
        );
        return Boolean(found);
      },
      { timeout: 15_000, message: `no captured mail to ${to}` },
    )
    .toBe(true);
  return found!;
}
