import { Badge, Button, Checkbox, Group, Radio, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { RegistrationRequestDetail } from '../../../shared/registration-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { accountCandidatesQuery, contactCandidatesQuery, useMatchRegistrationRequest } from './registration-api.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

const NEW_CONTACT = 'new';

/** Search accounts by what the visitor sent, pick the account, then the contact (or create one). */
export function MatchPanel({ request, onDone }: { request: RegistrationRequestDetail; onDone: () => void }) {
  const [search, setSearch] = useState(request.submittedAccountNumber ?? request.propertyName ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [accountId, setAccountId] = useState<string | null>(request.account?.id ?? null);
  const [contactChoice, setContactChoice] = useState<string>(request.contact?.id ?? '');
  const [addEmail, setAddEmail] = useState(true);
  const accounts = useQuery(accountCandidatesQuery(request.id, debouncedSearch));
  const contacts = useQuery({ ...contactCandidatesQuery(request.id, accountId ?? ''), enabled: Boolean(accountId) });
  const match = useMatchRegistrationRequest(request.id);
  const fieldErrors = match.error instanceof ApiRequestError ? match.error.fieldErrors() : {};

  const chooseAccount = (id: string) => {
    setAccountId(id);
    setContactChoice('');
  };

  const submit = () => {
    if (!accountId || !contactChoice) return;
    match.mutate(
      {
        accountId,
        contactId: contactChoice === NEW_CONTACT ? null : contactChoice,
        addEmailToContact: contactChoice === NEW_CONTACT ? true : addEmail,
      },
      {
        onSuccess: (detail) => {
          notifications.show({
            color: 'teal',
            title: 'Request matched',
            message: `Matched to ${detail.account?.name ?? 'the account'}.`,
          });
          onDone();
        },
      },
    );
  };

  const suggested = contacts.data?.items.find((contact) => contact.hasSubmittedEmail);

  return (
    <Stack>
      <ErrorAlert error={formLevelError(match.error)} />
      <TextInput
        label="Find the account"
        description="Search by account name or number; it starts with what the visitor typed."
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        error={fieldErrors.accountId}
      />
      <ScrollArea.Autosize mah={240}>
        <Radio.Group value={accountId ?? ''} onChange={chooseAccount} aria-label="Account">
          <Table verticalSpacing={6}>
            <Table.Tbody>
              {accounts.data?.items.map((account) => (
                <Table.Tr key={account.id}>
                  <Table.Td w={36}>
                    <Radio value={account.id} aria-label={`${account.name} (${account.accountNumber})`} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {account.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {account.accountNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {account.kind === 'property' ? 'Property' : 'Management company'}
                      {account.city ? ` · ${account.city}` : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Radio.Group>
        {accounts.data && accounts.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            No account matches “{debouncedSearch}”. Try part of the name.
          </Text>
        ) : null}
      </ScrollArea.Autosize>

      {accountId ? (
        <Radio.Group
          label="Contact"
          description={
            suggested
              ? `${suggested.firstName} ${suggested.lastName} already has ${request.email}.`
              : 'Pick the visitor among the account’s contacts, or create a new contact.'
          }
          value={contactChoice}
          onChange={setContactChoice}
          error={fieldErrors.contactId}
        >
          <Stack gap="xs" mt="xs">
            {contacts.data?.items.map((contact) => (
              <Radio
                key={contact.id}
                value={contact.id}
                label={
                  <Group gap="xs">
                    <Text size="sm">
                      {contact.firstName} {contact.lastName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {contact.emails.map((email) => email.email).join(', ') || 'no email'}
                    </Text>
                    {contact.hasSubmittedEmail ? (
                      <Badge size="xs" variant="light" color="teal">
                        has this email
                      </Badge>
                    ) : null}
                  </Group>
                }
              />
            ))}
            <Radio
              value={NEW_CONTACT}
              label={`Create a new contact: ${request.firstName} ${request.lastName} <${request.email}>`}
            />
          </Stack>
        </Radio.Group>
      ) : null}

      {accountId && contactChoice && contactChoice !== NEW_CONTACT ? (
        <Checkbox
          checked={addEmail}
          onChange={(event) => setAddEmail(event.currentTarget.checked)}
          label={`Add ${request.email} to this contact`}
          description="Added as an “other” email when it differs from the contact’s primary email, so our emails reach the visitor."
        />
      ) : null}

      <Group justify="flex-end">
        <Button onClick={submit} disabled={!accountId || !contactChoice} loading={match.isPending}>
          Match request
        </Button>
      </Group>
    </Stack>
  );
}
