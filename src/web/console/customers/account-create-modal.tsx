import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { AccountKind, AccountStatus } from '../../../shared/customer-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formFieldErrors, KIND_LABELS, STATUS_OPTIONS } from './account-labels.ts';
import { customerListQuery, useCreateManagementCompany, useCreateProperty } from './customers-api.ts';

const EMPTY = {
  name: '',
  accountNumber: '',
  status: 'prospect' as AccountStatus,
  parentAccountId: '',
  addressLine1: '',
  addressLine2: '',
  city: '',
  region: '',
  postalCode: '',
};

/** "New management company" / "New property": creates the account, then opens its page. */
export function AccountCreateModal(props: {
  kind: AccountKind;
  opened: boolean;
  onClose: () => void;
  parentAccountId?: string;
}) {
  const navigate = useNavigate();
  const createCompany = useCreateManagementCompany();
  const createProperty = useCreateProperty();
  const mutation = props.kind === 'property' ? createProperty : createCompany;
  const companies = useQuery({
    ...customerListQuery({ kind: 'management_company', pageSize: 100, sort: 'name' }),
    enabled: props.opened && props.kind === 'property',
  });
  const form = useForm({
    initialValues: { ...EMPTY, parentAccountId: props.parentAccountId ?? '' },
    validate: { name: (value) => (value.trim() ? null : 'Enter a name') },
  });
  const close = () => {
    form.reset();
    mutation.reset();
    props.onClose();
  };
  const submit = form.onSubmit((values) => {
    const { parentAccountId, ...fields } = values;
    const onSuccess = (account: { id: string; name: string; accountNumber: string }) => {
      notifications.show({
        color: 'teal',
        title: `${KIND_LABELS[props.kind]} created`,
        message: `${account.name} (${account.accountNumber})`,
      });
      close();
      void navigate({ to: '/console/customers/$accountId', params: { accountId: account.id } });
    };
    const onError = (error: Error) => {
      if (error instanceof ApiRequestError) form.setErrors(formFieldErrors(error.fieldErrors()));
    };
    if (props.kind === 'property')
      createProperty.mutate({ ...fields, parentAccountId: parentAccountId || null }, { onSuccess, onError });
    else createCompany.mutate(fields, { onSuccess, onError });
  });
  const title = props.kind === 'property' ? 'New property' : 'New management company';
  return (
    <Modal opened={props.opened} onClose={close} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert
            error={mutation.error instanceof ApiRequestError && mutation.error.fields.length ? null : mutation.error}
          />
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={2}>
            <TextInput
              label="Account number"
              description="Leave blank to generate one"
              {...form.getInputProps('accountNumber')}
            />
            <Select label="Status" data={STATUS_OPTIONS} allowDeselect={false} {...form.getInputProps('status')} />
          </SimpleGrid>
          {props.kind === 'property' ? (
            <Select
              label="Management company"
              placeholder="None (independent property)"
              searchable
              clearable
              data={(companies.data?.items ?? []).map((company) => ({
                value: company.id,
                label: `${company.name} (${company.accountNumber})`,
              }))}
              {...form.getInputProps('parentAccountId')}
            />
          ) : null}
          <TextInput label="Address line 1" {...form.getInputProps('addressLine1')} />
          <TextInput label="Address line 2" {...form.getInputProps('addressLine2')} />
          <SimpleGrid cols={3}>
            <TextInput label="City" {...form.getInputProps('city')} />
            <TextInput label="State / region" {...form.getInputProps('region')} />
            <TextInput label="Postal code" {...form.getInputProps('postalCode')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Create {props.kind === 'property' ? 'property' : 'management company'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
