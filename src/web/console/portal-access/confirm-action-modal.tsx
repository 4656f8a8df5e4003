import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PendingConfirmation {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
}

/** Confirmation for destructive portal-access actions (turning access off, deleting a username). */
export function ConfirmActionModal({ pending, onClose }: { pending: PendingConfirmation | null; onClose: () => void }) {
  return (
    <Modal opened={pending !== null} onClose={onClose} title={pending?.title}>
      <Stack>
        <Text size="sm">{pending?.message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            onClick={() => {
              pending?.onConfirm();
              onClose();
            }}
          >
            {pending?.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
