import { Alert, Badge, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useSetupStatus } from './catalog-api.ts';

/** "Floorplans or Addons Not Showing" at a glance: what the portal still lacks for this account, with the fix. */
export function SetupStatusAlert({ accountId }: { accountId: string }) {
  const status = useSetupStatus(accountId);
  if (!status.data) return null;
  const failing = status.data.checks.filter((check) => !check.ok);
  if (failing.length === 0) {
    return (
      <Group gap="xs">
        <Badge color="teal" variant="light" leftSection={<IconCircleCheck size={14} />}>
          Portal setup complete
        </Badge>
        <Text size="xs" c="dimmed">
          Service profile, pricing, floorplans and prices are all in place.
        </Text>
      </Group>
    );
  }
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={`Floorplans or add-ons may not show in the portal (${failing.length} to fix)`}
    >
      <List size="sm" spacing={4}>
        {failing.map((check) => (
          <List.Item key={check.key}>
            <Text span fw={600} size="sm">
              {check.label}:
            </Text>{' '}
            <Text span size="sm">
              {check.detail}.
            </Text>{' '}
            {check.fix ? (
              <Text span size="sm" c="dimmed">
                {check.fix}
              </Text>
            ) : null}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
