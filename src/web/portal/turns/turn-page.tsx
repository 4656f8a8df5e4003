import {
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarEvent,
  IconCheck,
  IconFileInvoice,
  IconRefresh,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { formatCents, type ServiceLine, type Turn } from '../../../shared/turn-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ProviderBadge } from '../../ui/service-badges.tsx';
import { customerSessionQuery } from '../session/portal-session.ts';
import {
  useCancelTurn,
  useDecideAddOn,
  useRemoveLine,
  useRescheduleLine,
  useSetPurchaseOrders,
  useTurn,
  useUpdateTurn,
} from './turns-api.ts';
import { formatDate, StatusBadge } from '../../ui/turn-display.tsx';
import { formLevelError, notifySaved } from '../../ui/form-feedback.ts';

const turnRouteApi = getRouteApi('/portal-app/portal/turns/$turnId');

export function TurnRoute() {
  const { turnId } = turnRouteApi.useParams();
  return <TurnPage key={turnId} turnId={turnId} />;
}

/** One turn: its services with dates, prices, POs and add-ons; change dates, POs, remove services, cancel. */
export function TurnPage({ turnId }: { turnId: string }) {
  const turn = useTurn(turnId);
  const update = useUpdateTurn(turnId);
  const [dialog, setDialog] = useState<'dates' | 'pos' | 'cancel' | null>(null);
  const [rescheduling, setRescheduling] = useState<ServiceLine | null>(null);
  const [removing, setRemoving] = useState<ServiceLine | null>(null);
  const remove = useRemoveLine();
  // Without schedule permission (set in the onboard) the server refuses these; the controls are hidden.
  const mayChange = useQuery(customerSessionQuery).data?.mayChangeSchedule === true;

  if (turn.isPending)
    return (
      <Center p="xl">
        <Loader aria-label="Loading the turn" />
      </Center>
    );
  if (turn.error) return <ErrorAlert error={turn.error} />;
  const data = turn.data;
  const open = data.status !== 'canceled' && data.status !== 'completed';

  const reflow = () =>
    update.mutate(
      { moveOutDate: data.moveOutDate, moveInDate: data.moveInDate, notes: data.notes, reflowSchedule: true },
      { onSuccess: () => notifySaved('Every open service is back on its date from the move-in.') },
    );

  return (
    <>
      <Breadcrumbs mb="sm">
        <AnchorLink to="/portal/home" size="sm">
          Properties
        </AnchorLink>
        <AnchorLink
          to="/portal/properties/$accountId"
          params={{ accountId: data.accountId }}
          search={{ tab: 'board' }}
          size="sm"
        >
          {data.propertyName}
        </AnchorLink>
        <Text size="sm">Unit {data.unitNumber}</Text>
      </Breadcrumbs>
      <Page
        documentTitle={`Unit ${data.unitNumber} · ${data.propertyName}`}
        title={
          <Group gap="sm">
            Unit {data.unitNumber}
            <StatusBadge status={data.status} size="md" />
          </Group>
        }
        description={`${data.floorplanName} · ${data.propertyName}`}
        actions={
          <Stack gap={0} align="flex-end">
            <Text size="xs" c="dimmed">
              Total
            </Text>
            <Text fw={700} size="xl" aria-label="Turn total">
              {formatCents(data.totalCents)}
            </Text>
          </Stack>
        }
      >
        {data.canceledAt ? (
          <Alert color="red" variant="light" title="This turn was canceled">
            {data.cancelReason ?? 'No reason given.'}
          </Alert>
        ) : null}
        {open && data.offScheduleCount > 0 ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Dates differ from the move-in schedule"
          >
            <Group justify="space-between">
              <Text size="sm">
                {data.offScheduleCount} service{data.offScheduleCount === 1 ? ' has a date' : 's have dates'} picked by
                hand or set before the move-in changed. They stay as they are unless you re-flow.
              </Text>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconRefresh size={14} />}
                loading={update.isPending}
                onClick={reflow}
              >
                Re-flow schedule
              </Button>
            </Group>
          </Alert>
        ) : null}
        <ErrorAlert error={update.error} />
        <Card withBorder>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Fact label="Move-out" value={formatDate(data.moveOutDate)} />
            <Fact label="Move-in" value={formatDate(data.moveInDate)} />
            <Fact label="Ready by" value={formatDate(data.readyByDate)} />
            <Fact label="Default PO" value={data.poUnknown ? 'I don’t know yet' : (data.defaultPoNumber ?? 'None')} />
          </SimpleGrid>
          {data.notes ? (
            <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
              <Text span fw={600}>
                Notes:{' '}
              </Text>
              {data.notes}
            </Text>
          ) : null}
          {open ? (
            <Group mt="md" gap="xs">
              <Button
                variant="default"
                size="xs"
                leftSection={<IconCalendarEvent size={14} />}
                onClick={() => setDialog('dates')}
              >
                Change dates
              </Button>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconFileInvoice size={14} />}
                onClick={() => setDialog('pos')}
              >
                Change POs
              </Button>
              {mayChange ? (
                <Button
                  variant="light"
                  color="red"
                  size="xs"
                  leftSection={<IconX size={14} />}
                  onClick={() => setDialog('cancel')}
                >
                  Cancel turn
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  Rescheduling, removing a service and canceling need schedule permission: ask your main point of
                  contact.
                </Text>
              )}
            </Group>
          ) : null}
        </Card>

        <Card withBorder padding={0}>
          <Table className="cards-on-phone" verticalSpacing="sm" aria-label="Services">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>Date</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>PO</Table.Th>
                <Table.Th ta="right">Price</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.lines.map((line) => (
                <LineRows
                  key={line.id}
                  line={line}
                  turn={data}
                  mayChange={mayChange}
                  onReschedule={() => setRescheduling(line)}
                  onRemove={() => {
                    remove.reset();
                    setRemoving(line);
                  }}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </Page>

      {dialog === 'dates' ? <DatesModal turn={data} onClose={() => setDialog(null)} /> : null}
      {dialog === 'pos' ? <PurchaseOrdersModal turn={data} onClose={() => setDialog(null)} /> : null}
      {dialog === 'cancel' ? <CancelModal turn={data} onClose={() => setDialog(null)} /> : null}
      {rescheduling ? <RescheduleModal line={rescheduling} turn={data} onClose={() => setRescheduling(null)} /> : null}
      <ConfirmModal
        opened={Boolean(removing)}
        title={`Remove ${removing?.name ?? ''}?`}
        confirmLabel="Remove service"
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              notifySaved(`${removing.name} was removed from this turn.`);
              setRemoving(null);
            },
          })
        }
      >
        The service is canceled on this turn and no longer counts toward the total.
      </ConfirmModal>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={500}>{value}</Text>
    </div>
  );
}

function LineRows({
  line,
  turn,
  mayChange,
  onReschedule,
  onRemove,
}: {
  line: ServiceLine;
  turn: Turn;
  mayChange: boolean;
  onReschedule: () => void;
  onRemove: () => void;
}) {
  const decide = useDecideAddOn();
  const editable = line.status === 'pending' || line.status === 'scheduled';
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <Stack gap={2}>
            <Text size="sm" fw={500} td={line.status === 'canceled' ? 'line-through' : undefined}>
              {line.name}
            </Text>
            <ProviderBadge value={line.providerCategory} />
          </Stack>
        </Table.Td>
        <Table.Td data-label="Date">
          <Text size="sm">{formatDate(line.scheduledDate)}</Text>
          {line.dateIsManual ? (
            <Badge size="xs" variant="light" color="grape">
              Picked date
            </Badge>
          ) : null}
          {line.isLate ? (
            <Badge size="xs" variant="light" color="red">
              After ready-by
            </Badge>
          ) : null}
        </Table.Td>
        <Table.Td data-label="Status">
          <StatusBadge status={line.status} />
        </Table.Td>
        <Table.Td data-label="PO">
          <Text size="sm">{line.effectivePoNumber ?? (turn.poUnknown ? 'To come' : '—')}</Text>
        </Table.Td>
        <Table.Td data-label="Price" ta="right">
          <Text size="sm">{formatCents(line.priceCents)}</Text>
        </Table.Td>
        <Table.Td>
          {editable && mayChange && !turn.canceledAt ? (
            <Group gap={4} justify="flex-end" wrap="nowrap">
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconCalendarEvent size={14} />}
                aria-label={`Change date of ${line.name}`}
                onClick={onReschedule}
              >
                Date
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} />}
                aria-label={`Remove ${line.name}`}
                onClick={onRemove}
              >
                Remove
              </Button>
            </Group>
          ) : null}
        </Table.Td>
      </Table.Tr>
      {line.addOns.map((addOn) => (
        <Table.Tr key={addOn.id} bg={addOn.status === 'pending' ? 'orange.0' : undefined}>
          <Table.Td pl="xl" colSpan={2}>
            <Text size="sm">
              + {addOn.name}
              {addOn.reason ? (
                <Text span c="dimmed" size="sm">
                  {' '}
                  · {addOn.reason}
                </Text>
              ) : null}
            </Text>
          </Table.Td>
          <Table.Td data-label="Status">
            <Badge
              size="sm"
              variant="light"
              color={
                line.status === 'canceled'
                  ? 'red'
                  : addOn.status === 'approved'
                    ? 'teal'
                    : addOn.status === 'pending'
                      ? 'orange'
                      : 'gray'
              }
            >
              {/* A canceled service's add-ons are canceled with it, whatever was decided before. */}
              {line.status === 'canceled'
                ? 'Canceled'
                : addOn.status === 'pending'
                  ? addOn.approver === 'customer'
                    ? 'Needs your approval'
                    : 'With our staff'
                  : addOn.status === 'approved'
                    ? 'Approved'
                    : 'Declined'}
            </Badge>
          </Table.Td>
          <Table.Td />
          <Table.Td data-label="Price" ta="right">
            <Text size="sm" td={addOn.status === 'declined' ? 'line-through' : undefined}>
              {formatCents(addOn.priceCents)}
            </Text>
          </Table.Td>
          <Table.Td>
            {addOn.status === 'pending' && addOn.approver === 'customer' ? (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button
                  size="xs"
                  color="teal"
                  leftSection={<IconCheck size={14} />}
                  loading={decide.isPending}
                  aria-label={`Approve ${addOn.name}`}
                  onClick={() =>
                    decide.mutate(
                      { addOnId: addOn.id, decision: 'approve', note: null },
                      { onSuccess: () => notifySaved(`${addOn.name} is approved.`) },
                    )
                  }
                >
                  Approve
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  loading={decide.isPending}
                  aria-label={`Decline ${addOn.name}`}
                  onClick={() =>
                    decide.mutate(
                      { addOnId: addOn.id, decision: 'decline', note: null },
                      { onSuccess: () => notifySaved(`${addOn.name} was declined.`) },
                    )
                  }
                >
                  Decline
                </Button>
              </Group>
            ) : null}
          </Table.Td>
        </Table.Tr>
      ))}
      {decide.error ? (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <ErrorAlert error={decide.error} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

function DatesModal({ turn, onClose }: { turn: Turn; onClose: () => void }) {
  const update = useUpdateTurn(turn.id);
  const [moveOutDate, setMoveOutDate] = useState(turn.moveOutDate);
  const [moveInDate, setMoveInDate] = useState(turn.moveInDate ?? '');
  const [notes, setNotes] = useState(turn.notes ?? '');
  const [reflowSchedule, setReflowSchedule] = useState(false);
  const errors = update.error instanceof ApiRequestError ? update.error.fieldErrors() : {};
  const save = () =>
    update.mutate(
      { moveOutDate, moveInDate: moveInDate || null, notes: notes || null, reflowSchedule },
      {
        onSuccess: () => {
          notifySaved('The turn’s dates are saved.');
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title="Change dates and notes" centered>
      <Stack>
        <ErrorAlert error={formLevelError(update.error)} />
        <TextInput
          type="date"
          label="Move-out"
          withAsterisk
          value={moveOutDate}
          onChange={(event) => setMoveOutDate(event.currentTarget.value)}
          error={errors.moveOutDate}
        />
        <TextInput
          type="date"
          label="Move-in"
          value={moveInDate}
          onChange={(event) => setMoveInDate(event.currentTarget.value)}
          error={errors.moveInDate}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
        />
        <Checkbox
          label="Also move services whose date was picked by hand"
          description="Otherwise only services on their automatic date follow the new move-in"
          checked={reflowSchedule}
          onChange={(event) => setReflowSchedule(event.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={save} loading={update.isPending}>
            Save dates
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RescheduleModal({ line, turn, onClose }: { line: ServiceLine; turn: Turn; onClose: () => void }) {
  const reschedule = useRescheduleLine();
  const [date, setDate] = useState(line.scheduledDate ?? line.suggestedDate ?? turn.moveOutDate);
  const errors = reschedule.error instanceof ApiRequestError ? reschedule.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title={`Change the date of ${line.name}`} centered>
      <Stack>
        <ErrorAlert error={formLevelError(reschedule.error)} />
        <Text size="sm" c="dimmed">
          Between the move-out ({formatDate(turn.moveOutDate)}) and the ready-by date ({formatDate(turn.readyByDate)}).
          A date you pick stays when the move-in changes.
          {line.status === 'scheduled' ? ' We will confirm the new date.' : ''}
        </Text>
        <TextInput
          type="date"
          label="Date"
          value={date}
          onChange={(event) => setDate(event.currentTarget.value)}
          error={errors.scheduledDate}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={reschedule.isPending}
            onClick={() =>
              reschedule.mutate(
                { serviceLineId: line.id, scheduledDate: date },
                {
                  onSuccess: () => {
                    notifySaved(`${line.name} is now on ${formatDate(date)}.`);
                    onClose();
                  },
                },
              )
            }
          >
            Save date
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PurchaseOrdersModal({ turn, onClose }: { turn: Turn; onClose: () => void }) {
  const setPurchaseOrders = useSetPurchaseOrders(turn.id);
  const [defaultPoNumber, setDefaultPoNumber] = useState(turn.defaultPoNumber ?? '');
  const [poUnknown, setPoUnknown] = useState(turn.poUnknown);
  const lines = turn.lines.filter((line) => line.status !== 'canceled');
  const [own, setOwn] = useState<Record<string, string>>(
    Object.fromEntries(lines.map((line) => [line.id, line.poNumber ?? ''])),
  );
  const errors = setPurchaseOrders.error instanceof ApiRequestError ? setPurchaseOrders.error.fieldErrors() : {};
  const save = () =>
    setPurchaseOrders.mutate(
      {
        defaultPoNumber: poUnknown ? null : defaultPoNumber || null,
        poUnknown,
        lines: lines.map((line) => ({ serviceLineId: line.id, poNumber: own[line.id] || null })),
      },
      {
        onSuccess: () => {
          notifySaved('The POs are saved.');
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title="Purchase orders" centered size="lg">
      <Stack>
        <ErrorAlert error={formLevelError(setPurchaseOrders.error)} />
        <TextInput
          label="Default PO number"
          description="Attached to every service without its own PO"
          disabled={poUnknown}
          value={poUnknown ? '' : defaultPoNumber}
          onChange={(event) => setDefaultPoNumber(event.currentTarget.value)}
          error={errors.defaultPoNumber}
        />
        <Checkbox
          label="I don’t know the PO number yet"
          checked={poUnknown}
          onChange={(event) => setPoUnknown(event.currentTarget.checked)}
        />
        <Text size="sm" fw={600}>
          A different PO for a service
        </Text>
        {lines.map((line, index) => (
          <TextInput
            key={line.id}
            label={line.name}
            placeholder="Uses the default PO"
            value={own[line.id] ?? ''}
            onChange={(event) => setOwn({ ...own, [line.id]: event.currentTarget.value })}
            error={errors[`lines.${index}.poNumber`]}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={save} loading={setPurchaseOrders.isPending}>
            Save POs
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CancelModal({ turn, onClose }: { turn: Turn; onClose: () => void }) {
  const cancel = useCancelTurn(turn.id);
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={`Cancel the turn for unit ${turn.unitNumber}?`} centered>
      <Stack>
        <ErrorAlert error={cancel.error} />
        <Text size="sm">
          Every service not yet started is canceled. This can’t be undone; order a new turn if plans change again.
        </Text>
        <TextInput
          label="Reason (optional)"
          placeholder="Resident renewed the lease"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the turn
          </Button>
          <Button
            color="red"
            loading={cancel.isPending}
            onClick={() =>
              cancel.mutate(
                { reason: reason || null },
                {
                  onSuccess: () => {
                    notifySaved(`The turn for unit ${turn.unitNumber} is canceled.`);
                    onClose();
                  },
                },
              )
            }
          >
            Cancel turn
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
