import {
  Alert,
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  type MantineColor,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { IconMail, IconMessage, IconRefresh, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { OutboxMessageView, OutboxStatus } from '../../../shared/notifications-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { MessagePreview } from '../../ui/message-preview.tsx';
import { Page } from '../../ui/page.tsx';
import { messageTemplatesQuery, outboxMessagesQuery, useRetryOutboxMessage } from './notifications-api.ts';

const STATUS_LABELS: Record<OutboxStatus, { label: string; color: MantineColor }> = {
  queued: { label: 'Queued', color: 'blue' },
  processing: { label: 'Sending', color: 'cyan' },
  sent: { label: 'Sent', color: 'teal' },
  dead: { label: 'Failed', color: 'red' },
  skipped_expired: { label: 'Skipped (link expired)', color: 'gray' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

function StatusBadge({ status }: { status: OutboxStatus }) {
  const { label, color } = STATUS_LABELS[status];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}

const formatTime = (value: string | null) => (value ? new Date(value).toLocaleString() : '—');

export function OutboxPage() {
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const templates = useQuery(messageTemplatesQuery);
  const messages = useQuery({
    ...outboxMessagesQuery({
      status: (status as OutboxStatus | null) ?? undefined,
      kind: kind ?? undefined,
      search: debouncedSearch || undefined,
      page,
      pageSize: 50,
    }),
    placeholderData: keepPreviousData,
  });
  const selected = messages.data?.items.find((message) => message.id === selectedId) ?? null;
  const filtered = Boolean(status || kind || debouncedSearch);

  return (
    <Page
      title="Outbox"
      description="Every email and text message Portico sends, newest first. Without an SMTP or SMS provider configured, messages are kept here instead of being sent."
    >
      <Group align="flex-end">
        <TextInput
          label="Recipient"
          placeholder="Search by email or phone"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={280}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={Object.entries(STATUS_LABELS).map(([value, { label }]) => ({ value, label }))}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          w={220}
        />
        <Select
          label="Message type"
          placeholder="Any type"
          clearable
          data={(templates.data?.items ?? []).map((template) => ({ value: template.kind, label: template.label }))}
          value={kind}
          onChange={(value) => {
            setKind(value);
            setPage(1);
          }}
          w={260}
        />
        {messages.isFetching ? <Loader size="sm" mb={8} aria-label="Loading messages" /> : null}
      </Group>
      <ErrorAlert error={messages.error} />
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Created</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {messages.data?.items.map((message) => (
                <Table.Tr key={message.id} onClick={() => setSelectedId(message.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    <Text size="sm">{formatTime(message.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {message.channel === 'email' ? (
                        <IconMail size={16} aria-label="Email" />
                      ) : (
                        <IconMessage size={16} aria-label="Text message" />
                      )}
                      <Text size="sm">{message.kindLabel}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => setSelectedId(message.id)}
                      aria-label={`Open message to ${message.to.join(', ')}`}
                    >
                      {message.to.join(', ')}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={message.subject ? undefined : 'dimmed'}>
                      {message.subject ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={message.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{message.attempts}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {messages.isLoading ? (
          <Group justify="center" p="md">
            <Loader size="sm" />
          </Group>
        ) : null}
        {messages.data && messages.data.items.length === 0 ? (
          <Text c="dimmed" p="md">
            {filtered
              ? 'No messages match these filters.'
              : 'No messages yet. Messages appear here as soon as Portico queues them.'}
          </Text>
        ) : null}
      </Card>
      <Group justify="flex-end">
        <Button variant="default" disabled={page === 1} onClick={() => setPage((value) => value - 1)}>
          Newer
        </Button>
        <Button variant="default" disabled={!messages.data?.hasMore} onClick={() => setPage((value) => value + 1)}>
          Older
        </Button>
      </Group>
      <Drawer
        opened={selected !== null}
        onClose={() => setSelectedId(null)}
        position="right"
        size="xl"
        title={selected ? `${selected.kindLabel} message` : ''}
      >
        {selected ? <OutboxMessageDetail message={selected} /> : null}
      </Drawer>
    </Page>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={120} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

function OutboxMessageDetail({ message }: { message: OutboxMessageView }) {
  const retry = useRetryOutboxMessage();
  return (
    <Stack>
      <Stack gap={6}>
        <Detail label="Status">
          <StatusBadge status={message.status} />
        </Detail>
        <Detail label="Recipients">{message.to.join(', ')}</Detail>
        <Detail label="Channel">{message.channel === 'email' ? 'Email' : 'Text message'}</Detail>
        <Detail label="Attempts">{message.attempts}</Detail>
        <Detail label="Created">{formatTime(message.createdAt)}</Detail>
        <Detail label="Sent">{formatTime(message.sentAt)}</Detail>
        {message.status === 'queued' && message.attempts > 0 ? (
          <Detail label="Next attempt">{formatTime(message.nextAttemptAt)}</Detail>
        ) : null}
        {message.expiresAt ? <Detail label="Link expires">{formatTime(message.expiresAt)}</Detail> : null}
      </Stack>
      {message.lastError ? (
        <Alert color="red" variant="light" title="Last error">
          {message.lastError}
        </Alert>
      ) : null}
      {message.status === 'dead' ? (
        <Group>
          <Button
            leftSection={<IconRefresh size={16} />}
            loading={retry.isPending}
            onClick={() =>
              retry.mutate(message.id, {
                onSuccess: () =>
                  notifications.show({
                    color: 'teal',
                    title: 'Queued again',
                    message: 'The message will be sent with a fresh set of attempts.',
                  }),
              })
            }
          >
            Retry delivery
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={retry.error} />
      {message.captured ? (
        <MessagePreview title="Message content" subject={message.subject} html={message.html} text={message.text} />
      ) : (
        <Text size="sm" c="dimmed">
          {message.status === 'sent'
            ? 'Delivered to the provider. The content is not kept for messages sent to real recipients, because it may contain one-time links.'
            : 'The content is shown here once a captured message has been delivered.'}
        </Text>
      )}
    </Stack>
  );
}
