import { Alert, Button, Card, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { Assignment, Photo } from '../../shared/field-contracts.ts';
import { formatCents } from '../../shared/turn-contracts.ts';
import { ApiRequestError } from '../api/client.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { formLevelError, notifySaved } from '../ui/form-feedback.ts';
import { PhotoGrid, PhotoInput } from '../ui/photo-input.tsx';
import { proPhotoUrl, useRequestAddOn, useUploadProPhoto } from './pro-api.ts';

/**
 * Extra work found on site: an add-on from the floorplan's pricelist at the price the customer pays,
 * a note and photos. The account decides whether photos are required and who approves it first.
 */
export function AddOnRequest({ item }: { item: Assignment }) {
  const request = useRequestAddOn(item.serviceLineId);
  const upload = useUploadProPhoto(item.serviceLineId);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [unchosen, setUnchosen] = useState(false);
  const errors = request.error instanceof ApiRequestError ? request.error.fieldErrors() : {};

  if (item.pendingAddOn)
    return (
      <Alert color="orange" variant="light" title={`${item.pendingAddOn.name} is waiting for approval`}>
        {item.pendingAddOn.approver === 'customer'
          ? 'The customer has it, with your note and photos.'
          : 'Our office checks it first, then passes it on.'}{' '}
        You can ask for another add-on once it is decided.
      </Alert>
    );
  if (item.addOnOptions.length === 0) return null;

  const send = () => {
    if (!serviceId) return setUnchosen(true);
    request.mutate(
      { serviceId, note, photoIds: photos.map((photo) => photo.id) },
      {
        onSuccess: () => {
          notifySaved('The add-on request is sent.');
          setServiceId(null);
          setNote('');
          setPhotos([]);
        },
      },
    );
  };

  return (
    <Card withBorder radius="md" component="section" aria-label="Request an add-on">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h5">
            Request an add-on
          </Title>
          <Text size="sm" c="dimmed">
            Found extra work? Pick it, say what you found and add a photo.
          </Text>
        </div>
        <ErrorAlert error={formLevelError(request.error)} />
        {/* The phone's own picker: big, one-handed, and it never covers the form. */}
        <NativeSelect
          label="Add-on"
          size="md"
          data={[
            { value: '', label: 'Choose from the pricelist' },
            ...item.addOnOptions.map((option) => ({
              value: option.serviceId,
              label: `${option.name} · ${formatCents(option.priceCents)}`,
            })),
          ]}
          value={serviceId ?? ''}
          onChange={(event) => {
            setServiceId(event.currentTarget.value || null);
            setUnchosen(false);
          }}
          error={unchosen ? 'Choose the add-on' : errors.serviceId}
        />
        <Textarea
          label="What you found"
          size="md"
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={errors.note}
        />
        <ErrorAlert error={upload.error} />
        <PhotoGrid photos={photos} urlOf={proPhotoUrl} label="Add-on photo" />
        <PhotoInput
          label="Add a photo of the extra work"
          variant="default"
          fullWidth
          loading={upload.isPending}
          onFile={(file) =>
            upload.mutate({ purpose: 'add_on', file }, { onSuccess: (photo) => setPhotos([...photos, photo]) })
          }
        >
          {photos.length ? 'Add another photo' : 'Add a photo'}
        </PhotoInput>
        {errors.photoIds ? (
          <Text size="sm" c="red" role="alert">
            {errors.photoIds}
          </Text>
        ) : null}
        <Button size="md" fullWidth leftSection={<IconSend size={18} />} loading={request.isPending} onClick={send}>
          Send add-on request
        </Button>
      </Stack>
    </Card>
  );
}
