import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconChevronDown, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { FloorplanPricelist } from '../../../shared/catalog-contracts.ts';
import {
  formatCents,
  SERVICE_LINE_STATUS_LABELS,
  ServiceLineStatusSchema,
  type RequestAddOnBody,
  type ServiceLine,
  type Turn,
  type TurnStatus,
  type TurnList,
} from '../../../shared/turn-contracts.ts';
import { api, ApiRequestError, toQuery } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formatDate, StatusBadge } from '../../ui/turn-display.tsx';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { ProviderBadge } from '../../ui/service-badges.tsx';
import type { AccountTab } from '../customers/account-tab.ts';
import { formLevelError, notifySaved } from '../../ui/form-feedback.ts';

const PROGRESS = ['scheduled', 'in_progress', 'completed'] as const;

function useStaffTurn(turnId: string | null) {
  return useQuery({
    queryKey: ['staff', 'turn', turnId],
    enabled: Boolean(turnId),
    queryFn: () => api.get<Turn>(`/api/staff/turns/${turnId}`),
  });
}

function useStaffTurnMutation<Variables>(mutationFn: (variables: Variables) => Promise<Turn>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (turn) => {
      queryClient.setQueryData(['staff', 'turn', turn.id], turn);
      void queryClient.invalidateQueries({ queryKey: ['staff', 'account-turns'] });
    },
  });
}

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
      size="xl"
      centered
      title={data ? `Unit ${data.unitNumber} · ${data.propertyName}` : 'Turn'}
    >
      <ErrorAlert error={turn.error ?? setStatus.error ?? decide.error} />
      {turn.isPending ? <Loader size="sm" /> : null}
      {data ? (
        <Stack>
          <Group gap="xl">
            <Text size="sm">
              Move-out <b>{formatDate(data.moveOutDate)}</b>
            </Text>
            <Text size="sm">
              Move-in <b>{formatDate(data.moveInDate)}</b>
            </Text>
            <Text size="sm">
              Ready by <b>{formatDate(data.readyByDate)}</b>
            </Text>
            <Text size="sm">
              PO <b>{data.poUnknown ? 'Not known yet' : (data.defaultPoNumber ?? 'None')}</b>
            </Text>
            <Text size="sm">
              Total <b>{formatCents(data.totalCents)}</b>
            </Text>
          </Group>
          {data.notes ? (
            <Text size="sm" c="dimmed">
              {data.notes}
            </Text>
          ) : null}
          <Table verticalSpacing="xs" aria-label="Services of this turn">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>Date</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Add-ons</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.lines.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" fw={500}>
                        {line.name}
                      </Text>
                      <ProviderBadge value={line.providerCategory} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>{formatDate(line.scheduledDate)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={line.status} />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      {line.addOns.map((addOn) => (
                        <Group key={addOn.id} gap={4} wrap="nowrap">
                          <Text size="xs">
                            {addOn.name} · {formatCents(addOn.priceCents)}
                          </Text>
                          <Badge
                            size="xs"
                            variant="light"
                            color={
                              addOn.status === 'approved' ? 'teal' : addOn.status === 'pending' ? 'orange' : 'gray'
                            }
                          >
                            {addOn.status === 'pending' ? `Pending (${addOn.approver})` : addOn.status}
                          </Badge>
                          {addOn.status === 'pending' ? (
                            <>
                              <Button
                                size="compact-xs"
                                color="teal"
                                onClick={() => decide.mutate({ addOnId: addOn.id, decision: 'approve' })}
                              >
                                Approve
                              </Button>
                              <Button
                                size="compact-xs"
                                variant="default"
                                onClick={() => decide.mutate({ addOnId: addOn.id, decision: 'decline' })}
                              >
                                Decline
                              </Button>
                            </>
                          ) : null}
                        </Group>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {line.status !== 'canceled' && line.status !== 'completed' ? (
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
                        <Button
                          size="xs"
                          variant="subtle"
                          leftSection={<IconPlus size={14} />}
                          onClick={() => setRequesting(line)}
                        >
                          Add-on
                        </Button>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
      {requesting && data ? (
        <RequestAddOnModal turn={data} line={requesting} onClose={() => setRequesting(null)} />
      ) : null}
    </Modal>
  );
}

/** A pro found extra work: the account's approval method decides whether it is approved now or who is asked. */
function RequestAddOnModal({ turn, line, onClose }: { turn: Turn; line: ServiceLine; onClose: () => void }) {
  const pricelist = useQuery({
    queryKey: ['staff', 'floorplan-prices', turn.floorplanId],
    enabled: Boolean(turn.floorplanId),
    queryFn: () => api.get<FloorplanPricelist>(`/api/staff/floorplans/${turn.floorplanId}/prices`),
  });
  const request = useStaffTurnMutation((body: RequestAddOnBody) =>
    api.post<Turn>(`/api/staff/service-lines/${line.id}/add-ons`, body),
  );
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const errors = request.error instanceof ApiRequestError ? request.error.fieldErrors() : {};
  const options = (pricelist.data?.items ?? [])
    .filter((item) => item.kind === 'add_on')
    .map((item) => ({
      value: item.id,
      label: `${item.name} (${formatCents(item.priceCents ?? item.suggestedPriceCents)})`,
    }));
  const submit = () =>
    request.mutate(
      { serviceId: serviceId ?? '', reason },
      {
        onSuccess: (updated) => {
          const added = updated.lines.find((candidate) => candidate.id === line.id)?.addOns.at(-1);
          notifications.show({
            color: 'teal',
            title: 'Add-on requested',
            message:
              added?.status === 'approved'
                ? `${added.name} was approved automatically.`
                : `${added?.name ?? 'The add-on'} waits for ${added?.approver === 'staff' ? 'staff' : 'the customer’s'} approval.`,
          });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={`Request an add-on for ${line.name}`} centered>
      <Stack>
        <ErrorAlert error={formLevelError(request.error)} />
        {errors.photoIds ? (
          <Alert color="red" title="Photos required">
            {errors.photoIds}
          </Alert>
        ) : null}
        <Select
          label="Add-on"
          data={options}
          value={serviceId}
          onChange={setServiceId}
          withAsterisk
          error={errors.serviceId}
          placeholder={pricelist.isPending ? 'Loading…' : 'Choose an add-on'}
        />
        <Textarea
          label="What the pro found"
          withAsterisk
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={errors.reason}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={request.isPending}>
            Request add-on
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Account page tabs owned by the turns feature. */
export const accountTurnsTabs: AccountTab[] = [{ value: 'turns', label: 'Turns', component: AccountTurnsTab }];
