import { Alert, Button, Group, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { portalKeyEmailPreviewQuery } from './registration-api.ts';

/** The portal-key email exactly as it will go out; staff confirm from here. */
export function PortalKeyEmailModal(props: {
  requestId: string;
  opened: boolean;
  onClose: () => void;
  onSend: () => void;
  sending: boolean;
  sendError: unknown;
}) {
  const preview = useQuery({ ...portalKeyEmailPreviewQuery(props.requestId), enabled: props.opened });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Preview: portal key email" size="lg">
      <Stack>
        <ErrorAlert error={preview.error ?? props.sendError} />
        {preview.isLoading ? (
          <Group justify="center" p="lg">
            <Loader />
          </Group>
        ) : null}
        {preview.data ? (
          <>
            <Text size="sm">
              <Text span fw={600}>
                To:
              </Text>{' '}
              {preview.data.to.join(', ')}
            </Text>
            <Text size="sm">
              <Text span fw={600}>
                Replies go to:
              </Text>{' '}
              {preview.data.replyTo.length
                ? preview.data.replyTo.join(', ')
                : 'nobody yet (no active staff in the configured role)'}
            </Text>
            <Text size="sm">
              <Text span fw={600}>
                Subject:
              </Text>{' '}
              {preview.data.subject}
            </Text>
            <Paper withBorder p="md" radius="md" bg="gray.0">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="portal-key-email-text">
                {preview.data.text}
              </Text>
            </Paper>
            {preview.data.replyTo.length === 0 ? (
              <Alert color="yellow" variant="light">
                No active staff member has the role that receives visitor replies. Change it in registration settings.
              </Alert>
            ) : null}
          </>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button onClick={props.onSend} loading={props.sending} disabled={!preview.data}>
            Send portal key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
