import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Photo } from '../../../shared/field-contracts.ts';
import type { ServiceLine } from '../../../shared/turn-contracts.ts';
import { ApiRequestError, api, uploadFile } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { PhotoGrid, PhotoInput } from '../../ui/photo-input.tsx';

const photosKey = (turnId: string) => ['portal', 'photos', turnId];

/** Every photo of a turn: the pro's before and after, those sent with add-on requests, reported issues. */
export const useTurnPhotos = (turnId: string) =>
  useQuery({
    queryKey: photosKey(turnId),
    queryFn: () => api.get<{ items: Photo[] }>(`/api/portal/turns/${turnId}/photos`),
  });

export const portalPhotoUrl = (photoId: string) => `/api/portal/photos/${photoId}`;

export function LinePhotos({ photos, label }: { photos: Photo[]; label: string }) {
  return <PhotoGrid photos={photos} urlOf={portalPhotoUrl} label={label} cols={4} />;
}

/** "Report an issue" on completed work: a note and photos that reach our staff as a rework request. */
export function ReportIssueModal({
  line,
  turnId,
  onClose,
}: {
  line: ServiceLine;
  turnId: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile<Photo>(`/api/portal/service-lines/${line.id}/photos`, file),
    onSuccess: (photo) => setPhotos((current) => [...current, photo]),
  });
  const report = useMutation({
    mutationFn: () =>
      api.post<{ id: string }>(`/api/portal/service-lines/${line.id}/issues`, {
        note,
        photoIds: photos.map((photo) => photo.id),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: photosKey(turnId) });
      notifySaved(`Thank you. We will look into ${line.name} and schedule a fix.`);
      onClose();
    },
  });
  const errors = report.error instanceof ApiRequestError ? report.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title={`Report an issue with ${line.name}`} centered>
      <Stack>
        <Text size="sm" c="dimmed">
          Tell us what is wrong and add photos. Our team turns it into a return visit on this turn.
        </Text>
        <ErrorAlert error={formLevelError(report.error)} />
        <Textarea
          label="What is wrong"
          withAsterisk
          autosize
          minRows={3}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={errors.note}
        />
        <ErrorAlert error={upload.error} />
        <LinePhotos photos={photos} label="Issue photo" />
        <PhotoInput
          label="Add a photo of the issue"
          variant="default"
          loading={upload.isPending}
          onFile={upload.mutate}
        >
          {photos.length ? 'Add another photo' : 'Add a photo'}
        </PhotoInput>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={report.isPending} onClick={() => report.mutate()}>
            Report issue
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
