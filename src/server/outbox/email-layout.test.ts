import { describe, expect, it } from 'vitest';
import { inEmailLayout, renderMessage } from './email-layout.ts';
import { MESSAGE_KINDS } from './message-kinds.ts';

const EMAIL_KINDS = MESSAGE_KINDS.filter((kind) => kind.channel === 'email');

describe('styled emails', () => {
  it.each(EMAIL_KINDS.map((kind) => [kind.id, kind] as const))(
    '%s renders a responsive HTML part around its content and a plain-text part',
    async (_id, kind) => {
      const message = await renderMessage(kind, kind.defaultTemplate, kind.payloadSchema.parse(kind.sample));
      expect(message.html).toMatch(/^<!doctype html>/i);
      expect(message.html).toContain('name="viewport"');
      // MJML's phone rule: the columns go full width under 480 px.
      expect(message.html).toMatch(/@media only screen and \(min-width:480px\)/);
      expect(message.html).toContain(`<title>`);
      expect(message.html).not.toMatch(/PORTICO-\w+-SLOT|\{\{/);
      const firstParagraph = /<p>([^<]+)/.exec(kind.defaultTemplate.html)?.[1]?.split('{{')[0] ?? '';
      expect(message.html).toContain(firstParagraph);
      expect(message.text.trim().length).toBeGreaterThan(0);
      expect(message.text).toContain('Sent by Portico.');
      expect(message.text).not.toMatch(/<\w+/);
    },
  );

  it('text messages are left as they are', async () => {
    const sms = MESSAGE_KINDS.find((kind) => kind.channel === 'sms')!;
    const message = await renderMessage(sms, sms.defaultTemplate, sms.payloadSchema.parse(sms.sample));
    expect(message.html).toBe('');
    expect(message.text).not.toContain('Sent by Portico.');
  });

  it('escapes merge values and the subject; the staff HTML and "$&" in it stay as written', async () => {
    const kind = EMAIL_KINDS.find((candidate) => candidate.mergeTags.includes('contact.firstName'))!;
    const sample = kind.payloadSchema.parse(kind.sample) as { contact: { firstName: string } };
    sample.contact.firstName = '<script>alert(1)</script>';
    const message = await renderMessage(
      kind,
      {
        subject: 'Hi {{contact.firstName}} <b>now</b>',
        html: '<p>Hello <strong>{{contact.firstName}}</strong>, that is $& and $1.</p>',
        text: 'Hello {{contact.firstName}}',
      },
      sample,
    );
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>, that is $& and $1.');
    expect(message.html).toContain('<title>Hi &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;now&lt;/b&gt;</title>');
    expect(message.text).toMatch(/^Hello <script>alert\(1\)<\/script>\n/);
  });

  it('the preview line is the first line of the text part, escaped', async () => {
    const message = await inEmailLayout({ subject: 'S', html: '<p>x</p>', text: '\nFirst <line> & more\nsecond' });
    expect(message.html).toContain('First &lt;line&gt; &amp; more');
  });
});
