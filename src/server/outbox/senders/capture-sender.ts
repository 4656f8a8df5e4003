import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedMessage, Sender } from './sender.ts';

/** With no provider configured every message is "delivered" into the outbox row itself. */
export const captureSender: Sender = {
  captures: true,
  async send() {},
};

/**
 * For end-to-end tests only (CAPTURE_DIRECTORY): also writes each captured message, links intact, as a
 * JSON file, the test suite's mailbox; the outbox row itself keeps the links hidden.
 */
export function createDirectoryCaptureSender(directory: string): Sender {
  mkdirSync(directory, { recursive: true });
  return {
    captures: true,
    async send(message: RenderedMessage) {
      // Written aside, then renamed: the test reading the folder never sees a half-written file.
      const path = join(directory, `${message.id}.json`);
      writeFileSync(`${path}.partial`, JSON.stringify(message));
      renameSync(`${path}.partial`, path);
    },
  };
}
