import { Box, Code, Stack, Text } from '@mantine/core';

/**
 * Rendered email content. The HTML goes into a sandboxed iframe (srcdoc, no scripts, no same-origin),
 * so a template can never run code or reach the console's session.
 */
export function MessagePreview(props: {
  subject?: string | null;
  html?: string | null;
  text?: string | null;
  title: string;
}) {
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
      {props.html ? (
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            HTML
          </Text>
          <Box
            component="iframe"
            title={props.title}
            sandbox=""
            srcDoc={props.html}
            style={{
              width: '100%',
              minHeight: 260,
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 6,
              background: 'white',
            }}
          />
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
