import { Button, Checkbox, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ServiceLine, Turn } from '../../../shared/turn-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useCancelTurn, useRescheduleLine, useSetPurchaseOrders, useUpdateTurn } from './turns-api.ts';
import { formatDate } from '../../ui/turn-display.tsx';
import { formLevelError, notifySaved } from '../../ui/form-feedback.ts';

// The turn page's dialogs: dates and notes, one service's date, purchase orders, cancel.
/** Without schedule permission only the notes are editable: new move dates would move the services. */
export function DatesModal({ turn, mayChange, onClose }: { turn: Turn; mayChange: boolean; onClose: () => void }) {
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
    <Modal opened onClose={onClose} title={mayChange ? 'Change dates and notes' : 'Change notes'} centered>
      <Stack>
        <ErrorAlert error={formLevelError(update.error)} />
        {mayChange ? null : (
          <Text size="sm" c="dimmed">
            Changing the move dates needs schedule permission: ask your main point of contact.
          </Text>
        )}
        <TextInput
          type="date"
          label="Move-out"
          withAsterisk
          disabled={!mayChange}
          value={moveOutDate}
          onChange={(event) => setMoveOutDate(event.currentTarget.value)}
          error={errors.moveOutDate}
        />
        <TextInput
          type="date"
          label="Move-in"
          disabled={!mayChange}
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
          disabled={!mayChange}
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
            {mayChange ? 'Save dates' : 'Save notes'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function RescheduleModal({ line, turn, onClose }: { line: ServiceLine; turn: Turn; onClose: () => void }) {
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

export function PurchaseOrdersModal({ turn, onClose }: { turn: Turn; onClose: () => void }) {
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

export function CancelModal({ turn, onClose }: { turn: Turn; onClose: () => void }) {
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
