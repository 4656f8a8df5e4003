import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from './document-title.ts';

/** Page heading with an optional description and actions on the right; a text title also names the tab. */
export function Page(props: {
  title: ReactNode;
  /** For the browser tab when the title is not plain text. */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  useDocumentTitle(props.documentTitle ?? (typeof props.title === 'string' ? props.title : undefined));
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {props.title}
          </Title>
          {props.description ? (
            <Text c="dimmed" mt={4}>
              {props.description}
            </Text>
          ) : null}
        </div>
        {props.actions ? <Group>{props.actions}</Group> : null}
      </Group>
      {props.children}
    </Stack>
  );
}
