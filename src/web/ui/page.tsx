import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Page heading with an optional description and actions on the right. */
export function Page(props: { title: ReactNode; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
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
