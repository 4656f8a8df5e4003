import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert.tsx';
import { formLevelError } from './form-feedback.ts';

/**
 * A dialog with a short form: the title, the error that belongs to no field, the fields, then Cancel and
 * the action on the right. Closing, Escape and Cancel all call onClose.
 */
export function FormModal(props: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  loading: boolean;
  error: unknown;
  cancelLabel?: string;
  submitColor?: string;
  submitDisabled?: boolean;
  size?: ModalProps['size'];
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={props.onClose} title={props.title} centered size={props.size}>
      <Stack>
        <ErrorAlert error={formLevelError(props.error)} />
        {props.children}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {props.cancelLabel ?? 'Cancel'}
          </Button>
          <Button
            color={props.submitColor}
            loading={props.loading}
            disabled={props.submitDisabled}
            onClick={props.onSubmit}
          >
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
