import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconSend } from '@tabler/icons-react';
import {
  BULK_SKIP_REASON_LABELS,
  type BulkPortalLoginPlan,
  type BulkPortalLoginResult,
} from '../../../shared/registration-contracts.ts';
import { api } from '../../api/client.ts';
import type { AccountTab } from '../customers/account-tab.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { RequiresPermission } from '../session/staff-permission.tsx';

const planQuery = (accountId: string) => ({
  queryKey: ['bulk-portal-logins', accountId],
  queryFn: () => api.get<BulkPortalLoginPlan>(`/api/staff/accounts/${accountId}/bulk-portal-logins`),
});

/** "Generate portal logins": a dry run first (who gets a setup link, who is skipped and why), then send. */
export function AccountRegistrationTab({ accountId }: { accountId: string }) {
  const queryClient = useQueryClient();
  const plan = useQuery(planQuery(accountId));
  const [opened, modal] = useDisclosure(false);
  const generate = useMutation({
    mutationFn: () => api.post<BulkPortalLoginResult>(`/api/staff/accounts/${accountId}/bulk-portal-logins`),
    onSuccess: (result) => {
      modal.close();
      notifications.show({
        color: 'teal',
        title: 'Portal logins generated',
        message: `${result.issued.length} setup link${result.issued.length === 1 ? '' : 's'} sent.`,
      });
      void queryClient.invalidateQueries({ queryKey: ['bulk-portal-logins', accountId] });
    },
  });
  const inviteCount = plan.data?.invite.length ?? 0;

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2} size="h4">
            Generate portal logins
          </Title>
          <Text size="sm" c="dimmed">
            Emails a setup link to every contact of this account that has an email and no portal login yet.
          </Text>
        </div>
        <RequiresPermission permission="customerSetup">
          <Button leftSection={<IconSend size={16} />} disabled={inviteCount === 0} onClick={modal.open}>
            Generate {inviteCount} portal login{inviteCount === 1 ? '' : 's'}
          </Button>
        </RequiresPermission>
      </Group>
      <ErrorAlert error={plan.error} />
      {plan.data ? (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Contact</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Dry run</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.data.invite.map((contact) => (
                <Table.Tr key={contact.contactId}>
                  <Table.Td>{contact.name}</Table.Td>
                  <Table.Td>{contact.email}</Table.Td>
                  <Table.Td>
                    <Badge color="teal" variant="light">
                      Gets a setup link
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
              {plan.data.skipped.map((contact) => (
                <Table.Tr key={contact.contactId}>
                  <Table.Td>{contact.name}</Table.Td>
                  <Table.Td>{contact.email ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color="gray" variant="light">
                      Skipped: {BULK_SKIP_REASON_LABELS[contact.reason]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {plan.data.invite.length + plan.data.skipped.length === 0 ? (
            <Text c="dimmed" p="md">
              This account has no contacts yet.
            </Text>
          ) : null}
        </Card>
      ) : null}
      <Modal opened={opened} onClose={modal.close} title="Generate portal logins?">
        <Stack>
          <ErrorAlert error={generate.error} />
          <Alert variant="light">
            {inviteCount} contact{inviteCount === 1 ? '' : 's'} will get an email with a one-time link to set up a
            portal login: {plan.data?.invite.map((contact) => contact.email).join(', ')}.
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Cancel
            </Button>
            <Button loading={generate.isPending} onClick={() => generate.mutate()}>
              Send {inviteCount} setup link{inviteCount === 1 ? '' : 's'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Account page tabs owned by the registration feature. */
export const accountRegistrationTabs: AccountTab[] = [
  { value: 'portal-logins', label: 'Portal logins', component: AccountRegistrationTab },
];
