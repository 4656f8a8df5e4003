import { Badge, Card, Center, Group, Loader, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { ConfirmActionModal, type PendingConfirmation } from './confirm-action-modal.tsx';
import { accountPortalAccessQuery, useSetAccountPortalAccess } from './portal-access-api.ts';
import { STATE_LABELS } from './portal-access-labels.ts';

/** The account's "activate portal access" switch and every contact's access state. */
export function AccountPortalAccessPanel({ accountId }: { accountId: string }) {
  const access = useQuery(accountPortalAccessQuery(accountId));
  const setAccess = useSetAccountPortalAccess(accountId);
  const [confirmation, setConfirmation] = useState<PendingConfirmation | null>(null);

  const apply = (enabled: boolean) => setAccess.mutate(enabled, {
    onSuccess: () => notifications.show({
      color: 'teal',
      title: enabled ? 'Portal access activated' : 'Portal access deactivated',
      message: enabled ? 'Contacts with portal access can sign in.' : 'Every contact of this account was signed out.',
    }),
    onError: (error) => notifications.show({ color: 'red', title: 'That did not work', message: error.message }),
  });

  const toggle = (enabled: boolean) => {
    if (enabled) return apply(true);
    setConfirmation({
      title: 'Deactivate portal access for this account?',
      message: 'Every contact of this account is signed out at once and cannot sign in to see it until you turn access back on.',
      confirmLabel: 'Deactivate',
      onConfirm: () => apply(false),
    });
  };

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4">Portal access</Title>
          {access.data ? (
            <Switch
              label="Activate portal access"
              checked={access.data.portalAccessEnabled}
              disabled={setAccess.isPending}
              onChange={(event) => toggle(event.currentTarget.checked)}
            />
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">Contacts get their own portal email and access on their contact page. Turning the account off blocks all of them at once.</Text>
        <ErrorAlert error={access.error} />
        {access.isPending ? <Center p="md"><Loader size="sm" aria-label="Loading portal access" /></Center> : null}
        {access.data && access.data.contacts.length === 0 ? <Text size="sm" c="dimmed">This account has no contacts yet.</Text> : null}
        {access.data && access.data.contacts.length > 0 ? (
          <Table striped aria-label="Contacts' portal access">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Contact</Table.Th>
                <Table.Th>Portal email</Table.Th>
                <Table.Th>Username</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {access.data.contacts.map((contact) => (
                <Table.Tr key={contact.contactId}>
                  <Table.Td>{contact.name}</Table.Td>
                  <Table.Td>{contact.portalEmail ?? '—'}</Table.Td>
                  <Table.Td>{contact.username ?? '—'}</Table.Td>
                  <Table.Td><Badge variant="light" color={STATE_LABELS[contact.state].color}>{STATE_LABELS[contact.state].label}</Badge></Table.Td>
                  <Table.Td>{contact.lastSignInAt ? new Date(contact.lastSignInAt).toLocaleString() : 'Never'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
      <ConfirmActionModal pending={confirmation} onClose={() => setConfirmation(null)} />
    </Card>
  );
}
