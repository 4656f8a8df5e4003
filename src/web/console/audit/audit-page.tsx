import { Badge, Button, Card, Code, Group, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuditEvent } from '../../../shared/audit-contracts.ts';
import { api, toQuery } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';

export function AuditPage() {
  const [page, setPage] = useState(1);
  const events = useQuery({
    queryKey: ['audit-events', page],
    queryFn: () =>
      api.get<{ items: AuditEvent[]; hasMore: boolean }>(`/api/staff/audit-events${toQuery({ page, pageSize: 50 })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Page title="Audit log" description="Every staff action and sign-in, newest first.">
      <ErrorAlert error={events.error} />
      <Card withBorder padding={0}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Change</Table.Th>
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
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {event.subjectType}
                  </Text>
                </Table.Td>
                <Table.Td>{event.after ? <Code>{JSON.stringify(event.after).slice(0, 120)}</Code> : null}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {events.data && events.data.items.length === 0 ? (
          <Text c="dimmed" p="md">
            Nothing recorded yet.
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
    </Page>
  );
}
