import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import type { AccountKind, AccountStatus } from '../../../shared/customer-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formFieldErrors, KIND_LABELS, STATUS_OPTIONS } from './account-labels.ts';
import { useCreateManagementCompany, useCreateProperty } from './customers-api.ts';
import { formLevelError } from '../../ui/form-feedback.ts';
import { AccountPlacementFields } from './account-placement-fields.tsx';

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
          <ErrorAlert error={formLevelError(mutation.error)} />
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={2}>
            <TextInput
              label="Account number"
              description="Leave blank to generate one"
              {...form.getInputProps('accountNumber')}
            />
            <Select label="Status" data={STATUS_OPTIONS} allowDeselect={false} {...form.getInputProps('status')} />
          </SimpleGrid>
          <AccountPlacementFields form={form} isProperty={props.kind === 'property'} enabled={props.opened} />
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
