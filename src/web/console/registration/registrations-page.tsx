import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { IconInbox, IconSearch, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { CLOSE_REASON_LABELS } from '../../../shared/registration-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { registrationRequestsQuery, type RequestStateFilter } from './registration-api.ts';
import { STATE_COLORS, STATE_LABELS } from './registration-labels.ts';

/** The queue of portal sign-up requests that came in without a valid portal key. */
export function RegistrationsPage() {
  const [state, setState] = useState<RequestStateFilter>('open');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const requests = useQuery(registrationRequestsQuery({ state, search: debouncedSearch, page }));

  return (
    <Page
      title="Registrations"
      description="Portal sign-up requests from visitors without a valid portal key. Match each to an account and send the key."
      actions={
        <Button
          component={Link}
          to="/console/registrations/settings"
          variant="default"
          leftSection={<IconSettings size={16} />}
        >
          Settings
        </Button>
      }
    >
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Request state"
          value={state}
          onChange={(value) => {
            setState(value as RequestStateFilter);
            setPage(1);
          }}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'matched', label: 'Matched' },
            { value: 'closed', label: 'Closed' },
            { value: 'all', label: 'All' },
          ]}
        />
        <TextInput
          aria-label="Search requests"
          placeholder="Search name, email, property, account"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={320}
        />
      </Group>
      <ErrorAlert error={requests.error} />
      <Card withBorder padding={0}>
        <Table highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Visitor</Table.Th>
              <Table.Th>Property they gave</Table.Th>
              <Table.Th>Account</Table.Th>
              <Table.Th>Step</Table.Th>
              <Table.Th>Assigned</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Received</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requests.data?.items.map((request) => (
              <Table.Tr key={request.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/console/registrations/${request.id}`} fw={600}>
                    {request.firstName} {request.lastName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {request.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{request.propertyName ?? '—'}</Text>
                  {request.submittedAccountNumber ? (
                    <Text size="xs" c="dimmed">
                      #{request.submittedAccountNumber}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {request.account ? (
                    <Text size="sm">
                      {request.account.name}{' '}
                      <Text span c="dimmed" size="xs">
                        {request.account.accountNumber}
                      </Text>
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Not matched
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {request.currentStep ? `${request.currentStep.position} - ${request.currentStep.name}` : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={request.assignedStaff ? undefined : 'dimmed'}>
                    {request.assignedStaff?.name ?? 'Nobody yet'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLORS[request.state]} variant="light">
                    {STATE_LABELS[request.state]}
                  </Badge>
                  {request.closeReason ? (
                    <Text size="xs" c="dimmed">
                      {CLOSE_REASON_LABELS[request.closeReason]}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{new Date(request.createdAt).toLocaleString()}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {requests.data && requests.data.items.length === 0 ? (
          <Stack align="center" gap="xs" py="xl">
            <ThemeIcon size={44} radius="xl" variant="light">
              <IconInbox size={24} />
            </ThemeIcon>
            <Text fw={600}>
              No {state === 'all' ? '' : `${STATE_LABELS[state].toLowerCase()} `}requests
              {debouncedSearch ? ' match your search' : ''}
            </Text>
            <Text size="sm" c="dimmed">
              Requests appear here when a visitor asks for a portal login without a valid key.
            </Text>
          </Stack>
        ) : null}
      </Card>
      <Group justify="flex-end">
        <Button variant="default" disabled={page === 1} onClick={() => setPage((value) => value - 1)}>
          Newer
        </Button>
        <Button variant="default" disabled={!requests.data?.hasMore} onClick={() => setPage((value) => value + 1)}>
          Older
        </Button>
      </Group>
    </Page>
  );
}
