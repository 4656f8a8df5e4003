import { ActionIcon, Anchor, Box, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMemo } from 'react';

/**
 * The email's web links open in a new tab (the preview frame cannot show another site) and are listed
 * for copying. Anything that is not an http(s) link (a hidden one has no href) is left as it is.
 */
function withLinksInNewTab(html: string): { html: string; links: string[] } {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const links: string[] = [];
  for (const anchor of document.querySelectorAll('a[href]')) {
    const href = anchor.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) continue;
    anchor.setAttribute('target', '_blank');
    anchor.setAttribute('rel', 'noopener noreferrer');
    if (!links.includes(href)) links.push(href);
  }
  return { html: `<!doctype html>${document.documentElement.outerHTML}`, links };
}

function LinkRow({ href }: { href: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
        {href}
      </Anchor>
      <CopyButton value={href}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy link'}>
            <ActionIcon variant="subtle" onClick={copy} aria-label={copied ? 'Link copied' : `Copy link ${href}`}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * Rendered email content. The HTML goes into a sandboxed iframe (srcdoc, no scripts, no same-origin),
 * so a template can never run code or reach the console's session; only its links may open a new tab.
 */
export function MessagePreview(props: {
  subject?: string | null;
  html?: string | null;
  text?: string | null;
  title: string;
}) {
  const preview = useMemo(() => (props.html ? withLinksInNewTab(props.html) : null), [props.html]);
  return (
    <Stack gap="sm">
      {props.subject ? (
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Subject
          </Text>
          <Text fw={600}>{props.subject}</Text>
        </div>
      ) : null}
      {preview ? (
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            HTML
          </Text>
          <Box
            component="iframe"
            title={props.title}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={preview.html}
            style={{
              width: '100%',
              minHeight: 420,
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 6,
              background: 'white',
            }}
          />
          {preview.links.length ? (
            <Stack gap={2} mt="xs">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Links
              </Text>
              {preview.links.map((href) => (
                <LinkRow key={href} href={href} />
              ))}
            </Stack>
          ) : null}
        </div>
      ) : null}
      {props.text ? (
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            Text
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap' }} aria-label={`${props.title} text`}>
            {props.text}
          </Code>
        </div>
      ) : null}
    </Stack>
  );
}
