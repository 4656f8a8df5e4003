import { Alert, Badge, Card, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { accountPortalAccessQuery } from './portal-access-api.ts';
import { STATE_LABELS } from './portal-access-labels.ts';

/** Every contact's portal access state; the account's own switch is in the account header. */
export function AccountPortalAccessPanel({ accountId }: { accountId: string }) {
  const access = useQuery(accountPortalAccessQuery(accountId));
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4">
            Portal access
          </Title>
          {access.data ? (
            <Badge variant="light" color={access.data.portalAccessEnabled ? 'teal' : 'gray'} size="lg">
              {access.data.portalAccessEnabled ? 'Account portal access on' : 'Account portal access off'}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          Contacts get their own portal email and access on their contact page. “Activate portal access” in the account
          header switches the whole account: off blocks all of them at once and signs them out.
        </Text>
        {access.data?.accountInactive ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="The account is inactive">
            Inactive accounts cannot use the portal: its contacts cannot see this account, and those with no other
            active account cannot sign in. Set the account’s status to prospect or current to give access back.
          </Alert>
        ) : null}
        <ErrorAlert error={access.error} />
        {access.isPending ? (
          <Center p="md">
            <Loader size="sm" aria-label="Loading portal access" />
          </Center>
        ) : null}
        {access.data && access.data.contacts.length === 0 ? (
          <Text size="sm" c="dimmed">
            This account has no contacts yet.
          </Text>
        ) : null}
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
                  <Table.Td>
                    <Badge variant="light" color={STATE_LABELS[contact.state].color}>
                      {STATE_LABELS[contact.state].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {contact.lastSignInAt ? new Date(contact.lastSignInAt).toLocaleString() : 'Never'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Card>
  );
}
