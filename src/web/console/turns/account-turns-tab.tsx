import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { IconChevronDown, IconPlus } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import {
  formatCents,
  SERVICE_LINE_STATUS_LABELS,
  ServiceLineStatusSchema,
  type ServiceLine,
  type Turn,
  type TurnAddOn,
  type TurnStatus,
  type TurnList,
} from '../../../shared/turn-contracts.ts';
import { api, toQuery } from '../../api/client.ts';
import { notifySaved } from '../../ui/form-feedback.ts';
import { useStaffTurn, useStaffTurnMutation } from './staff-turn-api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { RequestAddOnModal } from './request-add-on-modal.tsx';
import { formatDate, StatusBadge } from '../../ui/turn-display.tsx';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { ProviderBadge } from '../../ui/service-badges.tsx';
import type { AccountTab } from '../customers/account-tab.ts';

const PROGRESS = ['scheduled', 'in_progress', 'completed'] as const;

/** Staff view of an account's turns: progress each service (scheduled, in progress, completed) and relay add-on requests. */
export function AccountTurnsTab({ accountId }: { accountId: string }) {
  const [status, setStatus] = useState<TurnStatus | null>(null);
  const [openTurnId, setOpenTurnId] = useState<string | null>(null);
  const turns = useInfiniteQuery({
    queryKey: ['staff', 'account-turns', accountId, status],
    queryFn: ({ pageParam }) =>
      api.get<TurnList>(`/api/staff/accounts/${accountId}/turns${toQuery({ status, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = turns.data?.pages.flatMap((page) => page.items);
  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md">
        <Text size="sm" c="dimmed">
          Turns ordered in the portal, by move-in: open ones and those closed in the last 30 days. Open one to update
          its services.
        </Text>
        <Select
          aria-label="Filter by status"
          placeholder="All statuses"
          clearable
          w={200}
          value={status}
          onChange={(value) => setStatus(value as TurnStatus | null)}
          data={ServiceLineStatusSchema.options.map((value) => ({ value, label: SERVICE_LINE_STATUS_LABELS[value] }))}
        />
      </Group>
      <ErrorAlert error={turns.error} />
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Turns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Property</Table.Th>
            <Table.Th>Move-out</Table.Th>
            <Table.Th>Move-in</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {turns.isPending ? (
            <EmptyRow colSpan={7}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {items?.length === 0 ? (
            <EmptyRow colSpan={7}>No turns yet. Customers order them in the portal.</EmptyRow>
          ) : null}
          {items?.map((turn) => (
            <Table.Tr key={turn.id}>
              <Table.Td fw={500}>{turn.unitNumber}</Table.Td>
              <Table.Td>{turn.propertyName}</Table.Td>
              <Table.Td>{formatDate(turn.moveOutDate)}</Table.Td>
              <Table.Td>{formatDate(turn.moveInDate)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StatusBadge status={turn.status} />
                  {turn.pendingAddOnCount ? (
                    <Badge size="sm" color="orange">
                      Add-on pending
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td ta="right">{formatCents(turn.totalCents)}</Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="light"
                  aria-label={`Open unit ${turn.unitNumber}`}
                  onClick={() => setOpenTurnId(turn.id)}
                >
                  Open
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {turns.hasNextPage ? (
        <Group justify="center" p="sm">
          <Button
            size="xs"
            variant="subtle"
            loading={turns.isFetchingNextPage}
            onClick={() => void turns.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      ) : null}
      {openTurnId ? <StaffTurnModal turnId={openTurnId} onClose={() => setOpenTurnId(null)} /> : null}
    </Card>
  );
}

function StaffTurnModal({ turnId, onClose }: { turnId: string; onClose: () => void }) {
  const turn = useStaffTurn(turnId);
  const setStatus = useStaffTurnMutation(
    ({ serviceLineId, status }: { serviceLineId: string; status: (typeof PROGRESS)[number] }) =>
      api.put<Turn>(`/api/staff/service-lines/${serviceLineId}/status`, { status }),
  );
  const decide = useStaffTurnMutation(({ addOnId, decision }: { addOnId: string; decision: 'approve' | 'decline' }) =>
    api.post<Turn>(`/api/staff/add-ons/${addOnId}/${decision}`, { note: null }),
  );
  const [requesting, setRequesting] = useState<ServiceLine | null>(null);
  const data = turn.data;
  return (
    <Modal
      opened
      onClose={onClose}
      size={900}
      centered
      title={data ? `Unit ${data.unitNumber} · ${data.propertyName}` : 'Turn'}
    >
      <ErrorAlert error={turn.error ?? setStatus.error ?? decide.error} />
      {turn.isPending ? <Loader size="sm" /> : null}
      {data ? (
        <Stack>
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
            {[
              ['Move-out', formatDate(data.moveOutDate)],
              ['Move-in', formatDate(data.moveInDate)],
              ['Ready by', formatDate(data.readyByDate)],
              ['PO', data.poUnknown ? 'Not known yet' : (data.defaultPoNumber ?? 'None')],
              ['Total', formatCents(data.totalCents)],
            ].map(([label, value]) => (
              <div key={label}>
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text size="sm" fw={600}>
                  {value}
                </Text>
              </div>
            ))}
          </SimpleGrid>
          {data.notes ? (
            <Text size="sm" c="dimmed">
              {data.notes}
            </Text>
          ) : null}
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label="Services of this turn">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Service</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.lines.map((line) => {
                  const open = line.status !== 'canceled' && line.status !== 'completed' && !data.canceledAt;
                  const waiting = line.addOns.some((addOn) => addOn.status === 'pending');
                  return (
                    <Fragment key={line.id}>
                      <Table.Tr>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Text size="sm" fw={500} td={line.status === 'canceled' ? 'line-through' : undefined}>
                              {line.name}
                            </Text>
                            <ProviderBadge value={line.providerCategory} />
                          </Group>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(line.scheduledDate)}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={line.status} />
                        </Table.Td>
                        <Table.Td>
                          {open ? (
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <Menu position="bottom-end">
                                <Menu.Target>
                                  <Button
                                    size="xs"
                                    variant="default"
                                    rightSection={<IconChevronDown size={14} />}
                                    loading={setStatus.isPending}
                                    aria-label={`Set status of ${line.name}`}
                                  >
                                    Status
                                  </Button>
                                </Menu.Target>
                                <Menu.Dropdown>
                                  {PROGRESS.map((status) => (
                                    <Menu.Item
                                      key={status}
                                      disabled={status === line.status}
                                      onClick={() =>
                                        setStatus.mutate(
                                          { serviceLineId: line.id, status },
                                          {
                                            onSuccess: () =>
                                              notifySaved(
                                                `${line.name} is ${SERVICE_LINE_STATUS_LABELS[status].toLowerCase()}.`,
                                              ),
                                          },
                                        )
                                      }
                                    >
                                      {SERVICE_LINE_STATUS_LABELS[status]}
                                    </Menu.Item>
                                  ))}
                                </Menu.Dropdown>
                              </Menu>
                              {/* One add-on waits at a time: say so before staff fill in a second. */}
                              <Tooltip label="An add-on already waits for approval" disabled={!waiting}>
                                <Button
                                  size="xs"
                                  variant="subtle"
                                  leftSection={<IconPlus size={14} />}
                                  aria-label={`Request an add-on for ${line.name}`}
                                  aria-disabled={waiting || undefined}
                                  data-disabled={waiting || undefined}
                                  onClick={() => (waiting ? undefined : setRequesting(line))}
                                >
                                  Add-on
                                </Button>
                              </Tooltip>
                            </Group>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                      {line.addOns.map((addOn) => (
                        <Table.Tr key={addOn.id}>
                          <Table.Td pl="xl" colSpan={2}>
                            <Text size="sm">
                              + {addOn.name} · {formatCents(addOn.priceCents)}
                              {addOn.reason ? (
                                <Text span size="sm" c="dimmed">
                                  {' '}
                                  · {addOn.reason}
                                </Text>
                              ) : null}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <StaffAddOnBadge addOn={addOn} line={line} />
                          </Table.Td>
                          <Table.Td>
                            {addOn.status === 'pending' && line.status !== 'canceled' ? (
                              <Group gap={4} justify="flex-end" wrap="nowrap">
                                <Button
                                  size="xs"
                                  color="teal"
                                  aria-label={`Approve ${addOn.name}`}
                                  onClick={() => decide.mutate({ addOnId: addOn.id, decision: 'approve' })}
                                >
                                  Approve
                                </Button>
                                <Button
                                  size="xs"
                                  variant="default"
                                  aria-label={`Decline ${addOn.name}`}
                                  onClick={() => decide.mutate({ addOnId: addOn.id, decision: 'decline' })}
                                >
                                  Decline
                                </Button>
                              </Group>
                            ) : null}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : null}
      {requesting && data ? (
        <RequestAddOnModal turn={data} line={requesting} onClose={() => setRequesting(null)} />
      ) : null}
    </Modal>
  );
}

/** A canceled service voids its add-ons, whatever was decided before. */
function StaffAddOnBadge({ addOn, line }: { addOn: TurnAddOn; line: ServiceLine }) {
  const [label, color] =
    line.status === 'canceled'
      ? ['Canceled', 'red']
      : addOn.status === 'pending'
        ? [addOn.approver === 'staff' ? 'Waits for staff' : 'Waits for customer', 'orange']
        : addOn.status === 'approved'
          ? ['Approved', 'teal']
          : ['Declined', 'gray'];
  return (
    <Badge size="sm" variant="light" color={color}>
      {label}
    </Badge>
  );
}

/** Account page tabs owned by the turns feature. */
export const accountTurnsTabs: AccountTab[] = [{ value: 'turns', label: 'Turns', component: AccountTurnsTab }];
