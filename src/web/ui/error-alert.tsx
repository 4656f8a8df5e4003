import { Alert, Button } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong. Try again.';
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title} role="alert">
      {message}
      {(error as { code?: unknown }).code === 'stale_version' && (
        <Button size="xs" variant="light" color="red" mt="xs" display="block" onClick={() => window.location.reload()}>
          Reload
        </Button>
      )}
    </Alert>
  );
}
