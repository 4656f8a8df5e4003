import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './brand.tsx';
import { useDocumentTitle } from './document-title.ts';

/** The centered card used by every sign-in, link and password page. */
export function AuthLayout(props: { surface: string; title: string; description?: ReactNode; children: ReactNode }) {
  useDocumentTitle(`${props.title} · ${props.surface}`);
  return (
    <Center
      mih="100vh"
      p="md"
      style={{ background: 'linear-gradient(160deg, var(--mantine-color-cyan-0), var(--mantine-color-gray-0) 60%)' }}
    >
      <Stack w="100%" maw={420} gap="lg">
        <Center>
          <Brand subtitle={props.surface} />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <Stack gap="md">
            <div>
              <Title order={1} size="h3">
                {props.title}
              </Title>
              {props.description ? (
                <Text c="dimmed" size="sm" mt={4}>
                  {props.description}
                </Text>
              ) : null}
            </div>
            {props.children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
