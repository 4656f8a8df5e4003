import {
  Button,
  Card,
  Center,
  Group,
  Loader,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import {
  IconBuilding,
  IconBuildingSkyscraper,
  IconChevronDown,
  IconChevronUp,
  IconSearch,
  IconSelector,
} from '@tabler/icons-react';
import { useState, type ReactElement } from 'react';
import type {
  AccountKind,
  AccountStatus,
  ListCustomersQuery,
  OnboardingState,
} from '../../../shared/customer-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { Page } from '../../ui/page.tsx';
import { AccountSummaryCells } from './account-cells.tsx';
import { AccountCreateModal } from './account-create-modal.tsx';
import { KIND_LABELS, ONBOARDING_STATE_LABELS, STATUS_OPTIONS } from './account-labels.ts';
import { customerListQuery } from './customers-api.ts';
import { RequiresPermission } from '../session/staff-permission.tsx';

const ONBOARDING_STATE_OPTIONS = (Object.keys(ONBOARDING_STATE_LABELS) as OnboardingState[]).map((value) => ({
  value,
  label: ONBOARDING_STATE_LABELS[value],
}));

type Sort = NonNullable<ListCustomersQuery['sort']>;
const PAGE_SIZE = 25;

function SortHeader(props: {
  label: string;
  column: Sort;
  sort: Sort;
  direction: 'asc' | 'desc';
  onSort: (column: Sort) => void;
}) {
  const active = props.sort === props.column;
  const Icon = active ? (props.direction === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th aria-sort={active ? (props.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => props.onSort(props.column)}>
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {props.label}
          </Text>
          <Icon size={14} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function CustomersPage(): ReactElement {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const [kind, setKind] = useState<AccountKind | 'all'>('all');
  const [onboardingState, setOnboardingState] = useState<OnboardingState | null>(null);
  const [sort, setSort] = useState<Sort>('name');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState<AccountKind | null>(null);

  const customers = useQuery(
    customerListQuery({
      search: debouncedSearch || undefined,
      status: status ?? undefined,
      kind: kind === 'all' ? undefined : kind,
      onboardingState: onboardingState ?? undefined,
      sort,
      direction,
      page,
      pageSize: PAGE_SIZE,
    }),
  );
  const onSort = (column: Sort) => {
    if (column === sort) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSort(column);
      setDirection('asc');
    }
    setPage(1);
  };
  const totalPages = customers.data ? Math.max(1, Math.ceil(customers.data.total / PAGE_SIZE)) : 1;
  const filtered = Boolean(debouncedSearch || status || onboardingState || kind !== 'all');

  return (
    <Page
      title="Customers"
      description="Management companies and properties you serve. Search by name, account number, or a contact’s name or email."
      actions={
        <>
          <RequiresPermission permission="customerSetup">
            <Button
              variant="default"
              leftSection={<IconBuildingSkyscraper size={16} />}
              onClick={() => setCreating('management_company')}
            >
              New management company
            </Button>
          </RequiresPermission>
          <RequiresPermission permission="customerSetup">
            <Button leftSection={<IconBuilding size={16} />} onClick={() => setCreating('property')}>
              New property
            </Button>
          </RequiresPermission>
        </>
      }
    >
      <Group align="flex-end">
        <TextInput
          label="Search customers"
          placeholder="Name, account number or email"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1, minWidth: 240 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={STATUS_OPTIONS}
          value={status}
          onChange={(value) => {
            setStatus(value as AccountStatus | null);
            setPage(1);
          }}
          w={170}
        />
        <Select
          label="Onboard"
          placeholder="Any onboard state"
          clearable
          data={ONBOARDING_STATE_OPTIONS}
          value={onboardingState}
          onChange={(value) => {
            setOnboardingState(value ? (value as OnboardingState) : null);
            setPage(1);
          }}
          w={210}
        />
        <SegmentedControl
          aria-label="Kind"
          value={kind}
          onChange={(value) => {
            setKind(value as AccountKind | 'all');
            setPage(1);
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'management_company', label: 'Companies' },
            { value: 'property', label: 'Properties' },
          ]}
        />
      </Group>
      <ErrorAlert error={customers.error} />
      <Card withBorder padding={0}>
        <Table striped highlightOnHover verticalSpacing="sm" aria-label="Customers">
          <Table.Thead>
            <Table.Tr>
              <SortHeader label="Name" column="name" sort={sort} direction={direction} onSort={onSort} />
              <SortHeader
                label="Account number"
                column="accountNumber"
                sort={sort}
                direction={direction}
                onSort={onSort}
              />
              <Table.Th>Kind</Table.Th>
              <Table.Th>Management company</Table.Th>
              <Table.Th>City</Table.Th>
              <SortHeader label="Status" column="status" sort={sort} direction={direction} onSort={onSort} />
              <Table.Th>Portal</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {customers.data?.items.map((customer) => (
              <Table.Tr key={customer.id}>
                <Table.Td>
                  <AnchorLink to="/console/customers/$accountId" params={{ accountId: customer.id }} fw={600}>
                    {customer.name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {customer.accountNumber}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{KIND_LABELS[customer.kind]}</Text>
                </Table.Td>
                <Table.Td>
                  {customer.parentAccountId ? (
                    <AnchorLink
                      to="/console/customers/$accountId"
                      params={{ accountId: customer.parentAccountId }}
                      size="sm"
                    >
                      {customer.parentAccountName}
                    </AnchorLink>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <AccountSummaryCells account={customer} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {customers.isPending ? (
          <Center p="xl">
            <Loader size="sm" />
          </Center>
        ) : null}
        {customers.data && customers.data.items.length === 0 ? (
          <Stack align="center" gap="xs" py="xl">
            <ThemeIcon size={48} radius="xl" variant="light">
              <IconBuildingSkyscraper size={26} />
            </ThemeIcon>
            <Text fw={600}>{filtered ? 'No customers match' : 'No customers yet'}</Text>
            <Text c="dimmed" size="sm">
              {filtered
                ? 'Try another search or clear the filters.'
                : 'Add a management company or a property to get started.'}
            </Text>
          </Stack>
        ) : null}
      </Card>
      {customers.data ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {customers.data.total} {customers.data.total === 1 ? 'customer' : 'customers'}
          </Text>
          {totalPages > 1 ? (
            <Pagination
              total={totalPages}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
            />
          ) : null}
        </Group>
      ) : null}
      <AccountCreateModal
        kind="management_company"
        opened={creating === 'management_company'}
        onClose={() => setCreating(null)}
      />
      <AccountCreateModal kind="property" opened={creating === 'property'} onClose={() => setCreating(null)} />
    </Page>
  );
}
