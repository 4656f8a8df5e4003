import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import {
  formatCents,
  SERVICE_LINE_STATUS_LABELS,
  ServiceLineStatusSchema,
  type TurnStatus,
  type TurnSummary,
} from '../../../shared/turn-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useTurnColumn, useTurnCounts } from './turns-api.ts';
import { CardLink, formatShortDate, StatusBadge, STATUS_COLORS } from '../../ui/turn-display.tsx';

const STATUS_FILTERS = [
  { value: 'all', label: 'All' },
  ...ServiceLineStatusSchema.options.map((value) => ({ value, label: SERVICE_LINE_STATUS_LABELS[value] })),
];

/**
 * Turns in columns by status. Each column loads a page at a time from the server ("Load more"): open
 * columns soonest move-in first, completed and canceled ones newest first from the last 30 days; the
 * counts come from one aggregate query. Filter by status, search by unit.
 */
export function TurnBoardTab({ accountId }: { accountId: string }) {
  const [status, setStatus] = useState<TurnStatus | 'all'>('all');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const counts = useTurnCounts(accountId, debouncedSearch || undefined);
  const columns = status === 'all' ? ServiceLineStatusSchema.options : [status];

  return (
    <Stack>
      <Group justify="space-between">
        {/* Six segments need a tablet's width; a phone picks the status from a list. */}
        <SegmentedControl
          visibleFrom="sm"
          aria-label="Filter by status"
          value={status}
          onChange={(value) => setStatus(value as TurnStatus | 'all')}
          data={STATUS_FILTERS}
        />
        <Select
          hiddenFrom="sm"
          aria-label="Filter by status"
          value={status}
          allowDeselect={false}
          onChange={(value) => setStatus((value ?? 'all') as TurnStatus | 'all')}
          data={STATUS_FILTERS}
        />
        <Group gap="xs" style={{ flexGrow: 1, justifyContent: 'flex-end' }}>
          {counts.isFetching ? <Loader size="xs" /> : null}
          <TextInput
            aria-label="Search by unit"
            placeholder="Search by unit"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: '100%', xs: 220 }}
          />
        </Group>
      </Group>
      <ErrorAlert error={counts.error} />
      {/* As many columns as the screen holds, one under another on a phone: never a sideways scroll that
          hides the last column. */}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: columns.length }} spacing="sm">
        {columns.map((column) => (
          <BoardColumn
            key={column}
            accountId={accountId}
            status={column}
            search={debouncedSearch || undefined}
            count={counts.data?.counts.find((entry) => entry.status === column)?.count}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function BoardColumn(props: { accountId: string; status: TurnStatus; search: string | undefined; count?: number }) {
  const { status } = props;
  const column = useTurnColumn(props.accountId, status, props.search);
  const turns = column.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card withBorder padding="sm" bg="gray.0" role="region" aria-label={`${SERVICE_LINE_STATUS_LABELS[status]} turns`}>
      <Group justify="space-between" mb="sm">
        <Badge variant="dot" color={STATUS_COLORS[status]}>
          {SERVICE_LINE_STATUS_LABELS[status]}
        </Badge>
        <Text size="xs" c="dimmed">
          {props.count ?? turns.length}
        </Text>
      </Group>
      <ErrorAlert error={column.error} />
      <Stack gap="xs">
        {column.isPending ? <Loader size="sm" mx="auto" /> : null}
        {!column.isPending && turns.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="md">
            No turns
          </Text>
        ) : null}
        {turns.map((turn) => (
          <TurnCard key={turn.id} turn={turn} />
        ))}
        {column.hasNextPage ? (
          <Button
            size="xs"
            variant="subtle"
            loading={column.isFetchingNextPage}
            onClick={() => void column.fetchNextPage()}
          >
            Load more
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}

function TurnCard({ turn }: { turn: TurnSummary }) {
  return (
    <CardLink
      withBorder
      padding="xs"
      radius="sm"
      to="/portal/turns/$turnId"
      params={{ turnId: turn.id }}
      aria-label={`Unit ${turn.unitNumber}`}
    >
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">
          Unit {turn.unitNumber}
        </Text>
        <Text size="xs" fw={500}>
          {formatCents(turn.totalCents)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {turn.floorplanName}
      </Text>
      <Text size="xs" mt={4}>
        Move-out {formatShortDate(turn.moveOutDate)} · Move-in {formatShortDate(turn.moveInDate)}
      </Text>
      <Stack gap={2} mt={6}>
        {turn.services.map((service, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a card's services are a fixed list that never reorders
          <Group key={index} justify="space-between" wrap="nowrap" gap={4}>
            <Text size="xs" truncate td={service.status === 'canceled' ? 'line-through' : undefined}>
              {service.name} · {formatShortDate(service.scheduledDate)}
            </Text>
            <StatusBadge status={service.status} size="xs" />
          </Group>
        ))}
      </Stack>
      {turn.pendingAddOnCount > 0 ? (
        <Badge mt={6} size="xs" color="orange" variant="filled">
          Add-on awaiting approval
        </Badge>
      ) : null}
    </CardLink>
  );
}
