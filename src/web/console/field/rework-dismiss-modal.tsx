import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ReworkRequest } from '../../../shared/field-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { useDismissReworkRequest } from './rework-api.ts';

/** Closing a report without a return visit needs a reason: it is what the audit log keeps. */
export function DismissReworkModal({ request, onClose }: { request: ReworkRequest; onClose: () => void }) {
  const dismiss = useDismissReworkRequest(request.id);
  const [reason, setReason] = useState('');
  const errors = dismiss.error instanceof ApiRequestError ? dismiss.error.fieldErrors() : {};
  const save = () =>
    dismiss.mutate(
      { reason },
      {
        onSuccess: () => {
          notifySaved(`The report on ${request.serviceName}, unit ${request.unitNumber}, is dismissed.`);
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={`Dismiss the report on ${request.serviceName}`} centered>
      <Stack>
        <Text size="sm" c="dimmed">
          No return visit is scheduled. The reason is kept in the audit log.
        </Text>
        <ErrorAlert error={formLevelError(dismiss.error)} />
        <Textarea
          label="Reason"
          placeholder="Already fixed at the walk-through"
          autosize
          minRows={2}
          maxLength={500}
          required
          data-autofocus
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={errors.reason}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={dismiss.isPending} disabled={!reason.trim()} onClick={save}>
            Dismiss report
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
