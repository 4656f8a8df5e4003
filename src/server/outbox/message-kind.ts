import type { z } from 'zod';
import type { OutboxChannel } from '../db/schema/outbox.ts';

export interface MessageTemplate {
  /** Email subject (empty for SMS). */
  subject: string;
  html: string;
  text: string;
}

/**
 * A typed message kind: a stable id, the zod schema of its merge data, the merge tags its templates
 * may use ({{contact.firstName}}, {{link}} …) and the default template staff can edit.
 */
export interface MessageKind<Payload extends z.ZodType = z.ZodType> {
  id: string;
  channel: OutboxChannel;
  /** Shown to staff in notification settings and the template editor. */
  label: string;
  description: string;
  payloadSchema: Payload;
  mergeTags: readonly string[];
  /** Sample merge data for template previews. */
  sample: z.input<Payload>;
  defaultTemplate: MessageTemplate;
  /** Security notices (password changed …) can never be switched off by the vendor. */
  canBeDisabled: boolean;
  /** Sign-in links, resets, invitations: delivered before bulk mail, since someone is waiting to get in. */
  access?: boolean;
}

export function defineMessageKind<Payload extends z.ZodType>(kind: MessageKind<Payload>): MessageKind<Payload> {
  return kind;
}
