import { Button, Card, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { AuditEvent } from '../../shared/audit-contracts.ts';

const words = (code: string) => code.replaceAll('_', ' ');

/** "account.status_changed" by Dana → "Account status changed by Dana". */
export function auditSentence(event: AuditEvent): string {
  const [subject = '', verb = ''] = event.action.split('.', 2);
  const what = `${words(subject)} ${words(verb)}`.trim();
  const who = event.actorName ?? (event.actorKind === 'system' ? 'the system' : `a ${event.actorKind}`);
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} by ${who}`;
}

const ID_KEY = /(^id$|Id$)/;

/** A value as words: lists joined, a row by its name (or its fields), ids and cents made readable. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(show).join('; ') : 'none';
  const record = value as Record<string, unknown>;
  const fields = Object.entries(record).filter(([key, field]) => !ID_KEY.test(key) && field != null && field !== '');
  const name = record.name ?? record.service ?? record.label;
  const details = fields
    .filter(([key]) => !['name', 'service', 'label'].includes(key))
    .map(([key, field]) => (/Cents$/.test(key) ? showField(key, field) : `${label(key)} ${showField(key, field)}`));
  const named = typeof name === 'string' ? name : '';
  if (!details.length) return named || '—';
  return named ? `${named} (${details.join(', ')})` : details.join(', ');
}

const showField = (key: string, value: unknown) =>
  /Cents$/.test(key) && typeof value === 'number' ? `$${(value / 100).toFixed(2)}` : show(value);

const label = (key: string) => words(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** The fields an event changed, as "field: before → after"; a creation lists what was set. */
export function auditChanges(event: AuditEvent): string[] {
  const before = asRecord(event.before);
  const after = asRecord(event.after);
  if (!before && !after) return [event.before, event.after].filter((value) => value != null).map(show);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key]))
    .map((key) => {
      const name = label(key.replace(/Cents$/, ''));
      return before
        ? `${name}: ${showField(key, before[key])} → ${showField(key, after?.[key])}`
        : `${name}: ${showField(key, after?.[key])}`;
    });
}

/** Audit events as sentences with their before → after changes, paged Newer/Older; the audit log and an account's Activity tab. */
export function AuditEventTable(props: {
  label: string;
  events: AuditEvent[] | undefined;
  isPending: boolean;
  emptyText: string;
  page: number;
  hasMore: boolean;
  onPageChange: (page: number) => void;
}) {
  return (
    <Stack>
      <Card withBorder padding={0}>
        <Table striped verticalSpacing="sm" aria-label={props.label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>When</Table.Th>
              <Table.Th>What happened</Table.Th>
              <Table.Th>Changes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.events?.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>
                  <Text size="sm">{new Date(event.occurredAt).toLocaleString()}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{auditSentence(event)}</Text>
                </Table.Td>
                <Table.Td>
                  {auditChanges(event).map((change) => (
                    <Text key={change} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {change}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {props.isPending ? (
          <Center p="lg">
            <Loader size="sm" aria-label="Loading events" />
          </Center>
        ) : null}
        {props.events && props.events.length === 0 ? (
          <Text c="dimmed" p="md">
            {props.emptyText}
          </Text>
        ) : null}
      </Card>
      <Group justify="flex-end">
        <Button variant="default" disabled={props.page === 1} onClick={() => props.onPageChange(props.page - 1)}>
          Newer
        </Button>
        <Button variant="default" disabled={!props.hasMore} onClick={() => props.onPageChange(props.page + 1)}>
          Older
        </Button>
      </Group>
    </Stack>
  );
}
