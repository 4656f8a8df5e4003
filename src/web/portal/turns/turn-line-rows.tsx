import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconCheck, IconTrash } from '@tabler/icons-react';
import type { Photo } from '../../../shared/field-contracts.ts';
import { formatCents, type ServiceLine, type Turn } from '../../../shared/turn-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { ProviderBadge } from '../../ui/service-badges.tsx';
import { LinePhotos } from './turn-photos.tsx';
import { useDecideAddOn } from './turns-api.ts';
import { formatDate, StatusBadge } from '../../ui/turn-display.tsx';
import { notifySaved } from '../../ui/form-feedback.ts';

/** A service row of the turn page, with its add-ons (approve or decline the pending one). */
export function LineRows({
  line,
  turn,
  mayChange,
  photos,
  onReschedule,
  onRemove,
  onReportIssue,
}: {
  line: ServiceLine;
  turn: Turn;
  mayChange: boolean;
  /** This service's photos. */
  photos: Photo[];
  onReschedule: () => void;
  onRemove: () => void;
  onReportIssue: () => void;
}) {
  const decide = useDecideAddOn();
  const editable = line.status === 'pending' || line.status === 'scheduled';
  const workPhotos = photos.filter((photo) => photo.purpose === 'before' || photo.purpose === 'after');
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
          {line.status === 'completed' && !turn.canceledAt ? (
            <Group justify="flex-end">
              <Button
                size="xs"
                variant="subtle"
                color="orange"
                leftSection={<IconAlertTriangle size={14} />}
                aria-label={`Report an issue with ${line.name}`}
                onClick={onReportIssue}
              >
                Report an issue
              </Button>
            </Group>
          ) : null}
        </Table.Td>
      </Table.Tr>
      {workPhotos.length ? (
        <Table.Tr>
          <Table.Td colSpan={6} pl="xl">
            <LinePhotos photos={workPhotos} label={`${line.name} photo`} />
          </Table.Td>
        </Table.Tr>
      ) : null}
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
            <LinePhotos photos={photos.filter((photo) => photo.addOnId === addOn.id)} label={`${addOn.name} photo`} />
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
