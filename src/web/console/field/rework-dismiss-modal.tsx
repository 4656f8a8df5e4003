import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ReworkRequest } from '../../../shared/field-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { notifySaved } from '../../ui/form-feedback.ts';
import { FormModal } from '../../ui/form-modal.tsx';
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
    <FormModal
      title={`Dismiss the report on ${request.serviceName}`}
      onClose={onClose}
      onSubmit={save}
      submitLabel="Dismiss report"
      submitColor="red"
      submitDisabled={!reason.trim()}
      loading={dismiss.isPending}
      error={dismiss.error}
    >
      <Text size="sm" c="dimmed">
        No return visit is scheduled. The reason is kept in the audit log.
      </Text>
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
    </FormModal>
  );
}
