import {
  Badge,
  Button,
  Card,
  Chip,
  CloseButton,
  Group,
  SegmentedControl,
  Select,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { SERVICE_LINE_STATUS_LABELS, type ServiceLineStatus } from '../../../shared/turn-contracts.ts';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { useDeskPros, useDeskTurns } from './desk-api.ts';
import { type DeskFlag, type DeskSearch, FLAG_LABELS } from './desk-search.ts';
import { DeskRow } from './desk-row.tsx';

const deskRouteApi = getRouteApi('/console/turns');

/** The turns desk: every account's turns, the inbox of new and changed orders, filters kept in the URL. */
export function DeskPage() {
  const search = deskRouteApi.useSearch();
  const navigate = useNavigate({ from: '/console/turns' });
  const [searchText, setSearchText] = useState(search.search ?? '');
  const turns = useDeskTurns(search);
  const pros = useDeskPros();
  const proOptions = (pros.data?.items ?? [])
    .filter((pro) => pro.active)
    .map((pro) => ({ value: pro.id, label: pro.name }));
  const update = (changes: Partial<DeskSearch>) =>
    void navigate({ search: (previous: DeskSearch) => ({ ...previous, ...changes }), replace: true });
  const updateSearch = useDebouncedCallback((value: string) => update({ search: value || undefined }), 300);
  const items = turns.data?.pages.flatMap((page) => page.items) ?? [];
  const flags = (Object.keys(FLAG_LABELS) as DeskFlag[]).filter((flag) => search[flag]);
  const propertyName = search.accountId
    ? (items.find((item) => item.accountId === search.accountId)?.propertyName ?? 'one property')
    : null;

  return (
    <Page
      title="Turns desk"
      description="Every account’s turns in one place. New and changed orders wait in the inbox until someone acknowledges them."
    >
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="Desk view"
          value={search.view}
          onChange={(value) => update({ view: value as DeskSearch['view'] })}
          data={[
            { value: 'inbox', label: 'Inbox' },
            { value: 'all', label: 'All turns' },
          ]}
        />
        <TextInput
          aria-label="Search turns"
          placeholder="Unit or property"
          leftSection={<IconSearch size={16} />}
          value={searchText}
          onChange={(event) => {
            setSearchText(event.currentTarget.value);
            updateSearch(event.currentTarget.value.trim());
          }}
          w={{ base: '100%', sm: 260 }}
        />
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Status"
          placeholder="Any"
          clearable
          w={150}
          data={Object.entries(SERVICE_LINE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          value={search.status ?? null}
          onChange={(value) => update({ status: (value as ServiceLineStatus | null) ?? undefined })}
        />
        <Select
          label="Pro"
          placeholder="Any"
          clearable
          searchable
          w={180}
          data={proOptions}
          value={search.proId ?? null}
          onChange={(value) => update({ proId: value ?? undefined })}
        />
        <TextInput
          label="Move-in from"
          type="date"
          w={150}
          value={search.moveInFrom ?? ''}
          onChange={(event) => update({ moveInFrom: event.currentTarget.value || undefined })}
        />
        <TextInput
          label="Move-in to"
          type="date"
          w={150}
          value={search.moveInTo ?? ''}
          onChange={(event) => update({ moveInTo: event.currentTarget.value || undefined })}
        />
        <Select
          label="Sort"
          w={150}
          allowDeselect={false}
          data={[
            { value: 'newest', label: 'Newest first' },
            { value: 'moveIn', label: 'By move-in' },
          ]}
          value={search.sort}
          onChange={(value) => update({ sort: (value as DeskSearch['sort']) ?? 'newest' })}
        />
      </Group>
      <Group gap="xs" wrap="wrap">
        <Chip.Group
          multiple
          value={flags}
          onChange={(values) =>
            update(
              Object.fromEntries(
                (Object.keys(FLAG_LABELS) as DeskFlag[]).map((flag) => [flag, values.includes(flag) || undefined]),
              ),
            )
          }
        >
          {(Object.keys(FLAG_LABELS) as DeskFlag[]).map((flag) => (
            <Chip key={flag} value={flag} size="sm">
              {FLAG_LABELS[flag]}
            </Chip>
          ))}
        </Chip.Group>
        {propertyName ? (
          <Badge
            variant="outline"
            rightSection={
              <CloseButton size="xs" aria-label="Any property" onClick={() => update({ accountId: undefined })} />
            }
          >
            Property: {propertyName}
          </Badge>
        ) : null}
        {search.companyId ? (
          <Badge
            variant="outline"
            rightSection={
              <CloseButton size="xs" aria-label="Any company" onClick={() => update({ companyId: undefined })} />
            }
          >
            One management company
          </Badge>
        ) : null}
      </Group>
      <ErrorAlert error={turns.error} />
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" aria-label="Turns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Unit</Table.Th>
                <Table.Th>Dates</Table.Th>
                <Table.Th>Services and pros</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Received</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((turn) => (
                <DeskRow
                  key={turn.id}
                  turn={turn}
                  pros={proOptions}
                  onFilter={(filter) => update({ accountId: filter.accountId })}
                />
              ))}
              {turns.data && items.length === 0 ? (
                <EmptyRow colSpan={5}>
                  {search.view === 'inbox'
                    ? 'The inbox is empty: every turn has been acknowledged.'
                    : 'No turns match.'}
                </EmptyRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {items.length} turn{items.length === 1 ? '' : 's'} shown
        </Text>
        {turns.hasNextPage ? (
          <Button variant="default" loading={turns.isFetchingNextPage} onClick={() => void turns.fetchNextPage()}>
            Load more
          </Button>
        ) : null}
      </Group>
    </Page>
  );
}
