import { Alert, Select, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FloorplanPricelist } from '../../../shared/catalog-contracts.ts';
import { formatCents, type RequestAddOnBody, type ServiceLine, type Turn } from '../../../shared/turn-contracts.ts';
import { api, ApiRequestError } from '../../api/client.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useStaffTurnMutation } from './staff-turn-api.ts';

/** A pro found extra work: the account's approval method decides whether it is approved now or who is asked. */
export function RequestAddOnModal({ turn, line, onClose }: { turn: Turn; line: ServiceLine; onClose: () => void }) {
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
    .filter((item) => item.kind === 'add_on' && (!item.parentServiceId || item.parentServiceId === line.serviceId))
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
    <FormModal
      title={`Request an add-on for ${line.name}`}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Request add-on"
      loading={request.isPending}
      error={request.error}
    >
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
    </FormModal>
  );
}
