import { Alert, Breadcrumbs, Button, Card, Center, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconFileInvoice, IconRefresh, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { formatCents, type ServiceLine } from '../../../shared/turn-contracts.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { useRemoveLine, useTurn, useUpdateTurn } from './turns-api.ts';
import { formatDate, StatusBadge } from '../../ui/turn-display.tsx';
import { notifySaved } from '../../ui/form-feedback.ts';
import { customerSessionQuery } from '../session/portal-session.ts';
import { LineRows } from './turn-line-rows.tsx';
import { ReportIssueModal, useTurnPhotos } from './turn-photos.tsx';
import { CancelModal, DatesModal, PurchaseOrdersModal, RescheduleModal } from './turn-modals.tsx';

// Its id includes the pathless signed-in portal route it hangs from.
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
  const photos = useTurnPhotos(turnId);
  const [reporting, setReporting] = useState<ServiceLine | null>(null);

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
        {open && mayChange && data.offScheduleCount > 0 ? (
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
                {mayChange ? 'Change dates' : 'Change notes'}
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
                  photos={(photos.data?.items ?? []).filter((photo) => photo.serviceLineId === line.id)}
                  onReportIssue={() => setReporting(line)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </Page>

      {dialog === 'dates' ? <DatesModal turn={data} mayChange={mayChange} onClose={() => setDialog(null)} /> : null}
      {dialog === 'pos' ? <PurchaseOrdersModal turn={data} onClose={() => setDialog(null)} /> : null}
      {dialog === 'cancel' ? <CancelModal turn={data} onClose={() => setDialog(null)} /> : null}
      {reporting ? <ReportIssueModal line={reporting} turnId={data.id} onClose={() => setReporting(null)} /> : null}
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
