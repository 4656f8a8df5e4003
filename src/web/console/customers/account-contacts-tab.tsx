import { Badge, Button, Card, Center, Group, Loader, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { IconLink, IconUserPlus, IconUserStar } from '@tabler/icons-react';
import { useState } from 'react';
import type { AccountContact } from '../../../shared/customer-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { formFieldErrors } from './account-labels.ts';
import { ContactFields, contactValidation, EMPTY_CONTACT } from './contact-fields.tsx';
import {
  accountContactsQuery,
  contactSearchQuery,
  useAddMeToAccountContacts,
  useCreateContact,
  useLinkContact,
  useUnlinkContact,
} from './customers-api.ts';
import { formLevelError } from '../../ui/form-feedback.ts';
import { RequiresPermission } from '../session/staff-permission.tsx';

function NewContactModal({ accountId, opened, onClose }: { accountId: string; opened: boolean; onClose: () => void }) {
  const create = useCreateContact();
  const form = useForm({ initialValues: EMPTY_CONTACT, validate: contactValidation });
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  const submit = form.onSubmit((values) => {
    create.mutate(
      { ...values, accountIds: [accountId] },
      {
        onSuccess: (contact) => {
          notifications.show({
            color: 'teal',
            title: 'Contact added',
            message: `${contact.firstName} ${contact.lastName}`,
          });
          close();
        },
        onError: (error) => {
          if (error instanceof ApiRequestError) form.setErrors(formFieldErrors(error.fieldErrors()));
        },
      },
    );
  });
  return (
    <Modal opened={opened} onClose={close} title="New contact" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(create.error)} />
          <ContactFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create contact
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function LinkContactModal({ accountId, opened, onClose }: { accountId: string; opened: boolean; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [contactId, setContactId] = useState<string | null>(null);
  const results = useQuery(contactSearchQuery(debounced));
  const link = useLinkContact(accountId);
  const close = () => {
    setSearch('');
    setContactId(null);
    link.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Link an existing contact">
      <Stack>
        <ErrorAlert error={link.error} />
        <Select
          label="Contact"
          placeholder="Type a name or email"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          value={contactId}
          onChange={setContactId}
          filter={({ options }) => options}
          nothingFoundMessage={
            debounced.trim().length >= 2 && !results.isFetching ? 'No contacts match' : 'Type at least 2 characters'
          }
          data={(results.data?.items ?? []).map((contact) => ({
            value: contact.id,
            label: `${contact.firstName} ${contact.lastName}${contact.primaryEmails[0] ? ` <${contact.primaryEmails[0]}>` : ''}`,
          }))}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            disabled={!contactId}
            loading={link.isPending}
            onClick={() =>
              contactId &&
              link.mutate(contactId, {
                onSuccess: (contact) => {
                  notifications.show({
                    color: 'teal',
                    title: 'Contact linked',
                    message: `${contact.firstName} ${contact.lastName}`,
                  });
                  close();
                },
              })
            }
          >
            Link contact
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The account's "All Contacts" subgrid. */
export function AccountContactsTab({ accountId }: { accountId: string }) {
  const navigate = useNavigate();
  const contacts = useQuery(accountContactsQuery(accountId));
  const addMe = useAddMeToAccountContacts(accountId);
  const unlink = useUnlinkContact();
  const [modal, setModal] = useState<'new' | 'link' | null>(null);
  const [unlinking, setUnlinking] = useState<AccountContact | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Everyone at the customer we work with on this account, plus staff following it.
        </Text>
        <Group>
          <RequiresPermission permission="customerSetup">
            <Button
              variant="default"
              leftSection={<IconUserStar size={16} />}
              loading={addMe.isPending}
              onClick={() =>
                addMe.mutate(undefined, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      title: 'Your contact was added',
                      message: 'You are in the All Contacts list of this account.',
                    }),
                  onError: (error) =>
                    notifications.show({ color: 'red', title: 'Could not add your contact', message: error.message }),
                })
              }
            >
              Add my contact
            </Button>
          </RequiresPermission>
          <RequiresPermission permission="customerSetup">
            <Button variant="default" leftSection={<IconLink size={16} />} onClick={() => setModal('link')}>
              Link existing contact
            </Button>
          </RequiresPermission>
          <RequiresPermission permission="customerSetup">
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setModal('new')}>
              New contact
            </Button>
          </RequiresPermission>
        </Group>
      </Group>
      <ErrorAlert error={contacts.error} />
      <Card withBorder padding={0}>
        <Table striped highlightOnHover verticalSpacing="sm" aria-label="All Contacts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Emails</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>Main property</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.data?.items.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td>
                  <Group gap="xs">
                    <AnchorLink to="/console/contacts/$contactId" params={{ contactId: contact.id }} fw={600}>
                      {contact.firstName} {contact.lastName}
                    </AnchorLink>
                    {contact.isStaff ? (
                      <Badge size="xs" variant="light">
                        Staff
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{contact.title ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{contact.primaryEmails.join(', ') || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{contact.phone ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  {contact.mainAccountName ? (
                    <Text size="sm">{contact.mainAccountName}</Text>
                  ) : (
                    <Badge color="orange" variant="light">
                      Not set
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() =>
                        void navigate({ to: '/console/contacts/$contactId', params: { contactId: contact.id } })
                      }
                    >
                      Open
                    </Button>
                    <RequiresPermission permission="customerSetup">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => setUnlinking(contact)}
                        aria-label={`Remove ${contact.firstName} ${contact.lastName} from this account`}
                      >
                        Remove
                      </Button>
                    </RequiresPermission>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {contacts.isPending ? (
          <Center p="lg">
            <Loader size="sm" />
          </Center>
        ) : null}
        {contacts.data && contacts.data.items.length === 0 ? (
          <Text c="dimmed" p="md">
            No contacts yet. Add the property team, then your own contact.
          </Text>
        ) : null}
      </Card>
      <NewContactModal accountId={accountId} opened={modal === 'new'} onClose={() => setModal(null)} />
      <LinkContactModal accountId={accountId} opened={modal === 'link'} onClose={() => setModal(null)} />
      <Modal
        opened={unlinking !== null}
        onClose={() => setUnlinking(null)}
        title="Remove this contact from the account?"
      >
        <Stack>
          <Text size="sm">
            {unlinking?.firstName} {unlinking?.lastName} stays in Portico and on their other accounts; only the link to
            this account is removed.
          </Text>
          <ErrorAlert error={unlink.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUnlinking(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={unlink.isPending}
              onClick={() =>
                unlinking &&
                unlink.mutate(
                  { accountId, contactId: unlinking.id },
                  {
                    onSuccess: () => {
                      notifications.show({
                        color: 'teal',
                        title: 'Contact removed from the account',
                        message: `${unlinking.firstName} ${unlinking.lastName}`,
                      });
                      setUnlinking(null);
                    },
                  },
                )
              }
            >
              Remove
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
