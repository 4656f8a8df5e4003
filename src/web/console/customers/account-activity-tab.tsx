import { Badge, Button, Card, Center, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { accountActivityQuery } from './customers-api.ts';

function summary(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value).slice(0, 160);
}

/** The audit events recorded against this account, newest first. */
export function AccountActivityTab({ accountId }: { accountId: string }) {
  const [page, setPage] = useState(1);
  const events = useQuery(accountActivityQuery(accountId, page));
  return (
    <Stack>
      <ErrorAlert error={events.error} />
      <Card withBorder padding={0}>
        <Table striped verticalSpacing="sm" aria-label="Account activity">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.data?.items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>
                  <Text size="sm">{new Date(event.occurredAt).toLocaleString()}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{event.actorName ?? event.actorKind}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{event.action}</Badge>
                </Table.Td>
                <Table.Td>{summary(event.before) ? <Code>{summary(event.before)}</Code> : null}</Table.Td>
                <Table.Td>{summary(event.after) ? <Code>{summary(event.after)}</Code> : null}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {events.isPending ? (
          <Center p="lg">
            <Loader size="sm" />
          </Center>
        ) : null}
        {events.data && events.data.items.length === 0 ? (
          <Text c="dimmed" p="md">
            No activity recorded for this account yet.
          </Text>
        ) : null}
      </Card>
      <Group justify="flex-end">
        <Button variant="default" disabled={page === 1} onClick={() => setPage((value) => value - 1)}>
          Newer
        </Button>
        <Button variant="default" disabled={!events.data?.hasMore} onClick={() => setPage((value) => value + 1)}>
          Older
        </Button>
      </Group>
    </Stack>
  );
}
