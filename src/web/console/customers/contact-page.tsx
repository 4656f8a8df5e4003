import { Badge, Button, Card, Center, Grid, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, type ReactElement } from 'react';
import type { Contact } from '../../../shared/customer-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { Page } from '../../ui/page.tsx';
import { ContactPortalAccessPanel } from '../portal-access/contact-portal-access-panel.tsx';
import { formFieldErrors, KIND_LABELS, STATUS_COLORS, STATUS_LABELS } from './account-labels.ts';
import { ContactPreferencesCard } from './contact-preferences-card.tsx';
import { ContactFields, contactValidation, type ContactFormValues } from './contact-fields.tsx';
import { contactQuery, useUpdateContact } from './customers-api.ts';
import { formLevelError } from '../../ui/form-feedback.ts';
import { RequiresPermission } from '../session/staff-permission.tsx';

const routeApi = getRouteApi('/console/contacts/$contactId');

function formValues(contact: Contact): ContactFormValues & { mainAccountId: string } {
  return {
    firstName: contact.firstName,
    lastName: contact.lastName,
    title: contact.title ?? '',
    phone: contact.phone ?? '',
    primaryEmails: contact.primaryEmails,
    otherEmails: contact.otherEmails,
    mainAccountId: contact.mainAccountId ?? '',
  };
}

function ContactDetailsForm({ contact }: { contact: Contact }) {
  const update = useUpdateContact(contact.id, contact.version);
  const form = useForm({ initialValues: formValues(contact), validate: contactValidation });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the saved contact changes, not on every keystroke
  useEffect(() => {
    form.setValues(formValues(contact));
    form.resetDirty(formValues(contact));
  }, [contact.updatedAt]);
  const submit = form.onSubmit((values) => {
    update.mutate(
      { ...values, mainAccountId: values.mainAccountId || null },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            title: 'Contact saved',
            message: `${values.firstName} ${values.lastName}`,
          }),
        onError: (error) => {
          if (error instanceof ApiRequestError) form.setErrors(formFieldErrors(error.fieldErrors()));
        },
      },
    );
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">
            Details
          </Title>
          <ErrorAlert error={formLevelError(update.error)} />
          <ContactFields form={form} />
          <Select
            label="Main property"
            description="The property being onboarded, or the management company when the contact is linked to several."
            placeholder={
              contact.accounts.length ? 'Choose one of the linked accounts' : 'Link the contact to an account first'
            }
            clearable
            data={contact.accounts.map((account) => ({
              value: account.id,
              label: `${account.name} (${KIND_LABELS[account.kind].toLowerCase()})`,
            }))}
            {...form.getInputProps('mainAccountId')}
          />
          <Group justify="flex-end">
            <RequiresPermission permission="customerSetup">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save contact
              </Button>
            </RequiresPermission>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function LinkedAccountsCard({ contact }: { contact: Contact }) {
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Linked accounts
        </Title>
        <Table verticalSpacing="xs" aria-label="Linked accounts">
          <Table.Tbody>
            {contact.accounts.map((account) => (
              <Table.Tr key={account.id}>
                <Table.Td>
                  <AnchorLink
                    to="/console/customers/$accountId"
                    params={{ accountId: account.id }}
                    search={{ tab: 'contacts' }}
                    fw={600}
                  >
                    {account.name}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {KIND_LABELS[account.kind]} · {account.accountNumber}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    {account.id === contact.mainAccountId ? (
                      <Badge variant="filled" size="sm">
                        Main
                      </Badge>
                    ) : null}
                    <Badge color={STATUS_COLORS[account.status]} variant="light" size="sm">
                      {STATUS_LABELS[account.status]}
                    </Badge>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {contact.accounts.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not linked to any account. Link it from an account’s Contacts tab.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The staff contact page: details and emails, linked accounts, and the portal-access panel. */
export function ContactPage(): ReactElement {
  const { contactId } = routeApi.useParams();
  const contact = useQuery(contactQuery(contactId));
  if (contact.isPending)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  if (contact.error) return <ErrorAlert error={contact.error} title="This contact could not be loaded" />;
  const { data } = contact;
  return (
    <Page
      title={`${data.firstName} ${data.lastName}`}
      description={[data.title, data.staffMemberId ? 'Portico staff' : null].filter(Boolean).join(' · ') || 'Contact'}
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ContactDetailsForm contact={data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <LinkedAccountsCard contact={data} />
            <ContactPreferencesCard contact={data} />
            <ContactPortalAccessPanel contactId={contactId} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
