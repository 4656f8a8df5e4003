import type { MessageKind, MessageTemplate } from './message-kind.ts';
import { escapeHtml, renderTemplate } from './template-rules.ts';

const BRAND = '#0b7285';
const TEXT = '#212529';
const MUTED = '#495057';
const FOOTER = 'Sent by Portico. Reply to this email if something looks wrong.';
// Stand-ins the compiled layout keeps verbatim; each message's own values replace them.
const CONTENT = 'PORTICO-CONTENT-SLOT';
const TITLE = 'PORTICO-TITLE-SLOT';
const PREHEADER = 'PORTICO-PREHEADER-SLOT';

// One responsive card on a grey page (full width on a phone); the staff-edited HTML goes in the card.
const LAYOUT = `<mjml>
  <mj-head>
    <mj-title>${TITLE}</mj-title>
    <mj-preview>${PREHEADER}</mj-preview>
    <mj-attributes>
      <mj-all font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.6" color="${TEXT}" />
    </mj-attributes>
    <mj-style>
      .content a { color: ${BRAND}; font-weight: 600; }
      .content p { margin: 0 0 14px; }
      .content code { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f1f3f5; padding: 2px 4px; border-radius: 4px; }
    </mj-style>
  </mj-head>
  <mj-body background-color="#f1f3f5" width="600px">
    <mj-section padding="24px 12px 8px">
      <mj-column>
        <mj-text font-size="20px" font-weight="700" color="${BRAND}" padding="0 12px">Portico</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" border-radius="8px" padding="20px 12px">
      <mj-column>
        <mj-text css-class="content">${CONTENT}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="12px">
      <mj-column>
        <mj-text font-size="13px" color="${MUTED}" align="center">${FOOTER}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

let compiled: Promise<string[]> | undefined;

/**
 * The layout compiles once per process (MJML takes a few hundred ms), split at its slots: odd parts are
 * slot names, so each email is one join. MJML is loaded only then: it is ~40 MB of a web node's memory
 * that never sends mail.
 */
function layout(): Promise<string[]> {
  compiled ??= import('mjml').then(async ({ default: mjml2html }) => {
    const result = await mjml2html(LAYOUT, { validationLevel: 'strict' });
    if (result.errors.length)
      throw new Error(`Email layout: ${result.errors.map((e) => e.formattedMessage).join('; ')}`);
    return result.html.split(/(PORTICO-[A-Z]+-SLOT)/);
  });
  return compiled;
}

/**
 * The staff-edited HTML inside the responsive layout, and the plain-text part with the same footer.
 * The subject and preview line are escaped; the content is already rendered (its merge values escaped).
 */
export async function inEmailLayout(message: MessageTemplate): Promise<MessageTemplate> {
  const preheader = message.text.split('\n').find((line) => line.trim()) ?? '';
  const values: Record<string, string> = {
    [TITLE]: escapeHtml(message.subject),
    [PREHEADER]: escapeHtml(preheader.trim()),
    [CONTENT]: message.html,
  };
  // Joined, not String.replace: content holding "$&" or "$1" (prices) stays as written.
  const html = (await layout()).map((part, index) => (index % 2 ? values[part]! : part)).join('');
  return { subject: message.subject, html, text: `${message.text.trimEnd()}\n\n--\n${FOOTER}\n` };
}

/** Renders a message as it is sent: merge data into the template, then emails into the layout. */
export async function renderMessage(kind: MessageKind, template: MessageTemplate, data: unknown) {
  const rendered = renderTemplate(template, data);
  return kind.channel === 'email' ? inEmailLayout(rendered) : rendered;
}
