import type { MessageTemplate } from './message-kind.ts';

const MERGE_TAG = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

export type TemplateField = keyof MessageTemplate;
export const TEMPLATE_FIELDS: readonly TemplateField[] = ['subject', 'html', 'text'];

/** The merge tags a template text uses, in order of first appearance. */
export function mergeTagsIn(text: string): string[] {
  return [...new Set([...text.matchAll(MERGE_TAG)].map((match) => match[1]!))];
}

/** Per field, the tags the kind does not offer; staff templates with any are rejected on save. */
export function unknownMergeTags(
  template: MessageTemplate,
  allowed: readonly string[],
): Array<{ field: TemplateField; tags: string[] }> {
  const allowedSet = new Set(allowed);
  return TEMPLATE_FIELDS.flatMap((field) => {
    const tags = mergeTagsIn(template[field]).filter((tag) => !allowedSet.has(tag));
    return tags.length ? [{ field, tags }] : [];
  });
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function lookup(data: unknown, path: string): string {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (current === null || current === undefined) return '';
  return typeof current === 'object' ? '' : String(current);
}

function fill(text: string, data: unknown, escapeValue: (value: string) => string): string {
  return text.replace(MERGE_TAG, (_match, path: string) => escapeValue(lookup(data, path)));
}

/**
 * Replaces {{path}} tags with values from the merge data. Values are HTML-escaped in the HTML body, so a
 * contact named `<script>` stays text; a missing value renders as empty.
 */
export function renderTemplate(template: MessageTemplate, data: unknown): MessageTemplate {
  const plain = (value: string) => value.replace(/[\r\n]+/g, ' ');
  return {
    subject: fill(template.subject, data, plain),
    html: fill(template.html, data, escapeHtml),
    text: fill(template.text, data, (value) => value),
  };
}
