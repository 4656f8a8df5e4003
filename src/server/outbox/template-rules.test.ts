import { describe, expect, it } from 'vitest';
import { escapeHtml, mergeTagsIn, renderTemplate, unknownMergeTags } from './template-rules.ts';

describe('template rules', () => {
  it('finds merge tags, tolerating spaces inside the braces', () => {
    expect(mergeTagsIn('Hi {{contact.firstName}}, {{ link }} and {{link}} again')).toEqual([
      'contact.firstName',
      'link',
    ]);
  });

  it('reports unknown tags per field', () => {
    const problems = unknownMergeTags(
      { subject: 'Hi {{contact.firstName}}', html: '<p>{{contact.nickname}}</p>', text: '{{link}} {{secret}}' },
      ['contact.firstName', 'link'],
    );
    expect(problems).toEqual([
      { field: 'html', tags: ['contact.nickname'] },
      { field: 'text', tags: ['secret'] },
    ]);
  });

  it('escapes values in the HTML body only and renders missing values as empty', () => {
    const rendered = renderTemplate(
      {
        subject: 'Welcome {{contact.firstName}}',
        html: '<p>Hi {{contact.firstName}} {{account.number}}</p>',
        text: 'Hi {{contact.firstName}}{{missing.value}}',
      },
      { contact: { firstName: '<b>Pat</b> & "Co"' } },
    );
    expect(rendered.html).toBe('<p>Hi &lt;b&gt;Pat&lt;/b&gt; &amp; &quot;Co&quot; </p>');
    expect(rendered.text).toBe('Hi <b>Pat</b> & "Co"');
    expect(rendered.subject).toBe('Welcome <b>Pat</b> & "Co"');
  });

  it('keeps a subject on one line whatever the value holds', () => {
    expect(renderTemplate({ subject: 'To {{name}}', html: '', text: '' }, { name: 'a\r\nBcc: x@y.z' }).subject).toBe(
      'To a Bcc: x@y.z',
    );
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
