import { Button, Group, Modal, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import {
  PROVIDER_CATEGORY_LABELS,
  ProviderCategorySchema,
  SERVICE_KIND_LABELS,
  ServiceKindSchema,
  type ProviderCategory,
  type Service,
  type ServiceFields,
  type ServiceKind,
} from '../../../shared/catalog-contracts.ts';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formLevelError } from '../../ui/form-feedback.ts';
import { RequiresPermission } from '../session/staff-permission.tsx';

export const providerOptions = ProviderCategorySchema.options.map((value) => ({
  value,
  label: PROVIDER_CATEGORY_LABELS[value],
}));
export const kindOptions = ServiceKindSchema.options.map((value) => ({ value, label: SERVICE_KIND_LABELS[value] }));

type ServiceFormValues = {
  name: string;
  code: string;
  providerCategory: ProviderCategory;
  kind: ServiceKind;
  defaultDayOffset: number | string;
  active: boolean;
  parentServiceId: string | null;
};

/** Add or edit a service (vendor-wide or custom); the caller performs the save. */
export function ServiceFormModal(props: {
  opened: boolean;
  title: string;
  service?: Service | null;
  /** The standard services an add-on may be tied to. */
  standardServices: readonly Service[];
  loading: boolean;
  error: unknown;
  onSubmit: (body: ServiceFields, form: UseFormReturnType<ServiceFormValues>) => void;
  onClose: () => void;
}) {
  const form = useForm<ServiceFormValues>({
    initialValues: props.service
      ? {
          name: props.service.name,
          code: props.service.code,
          providerCategory: props.service.providerCategory,
          kind: props.service.kind,
          defaultDayOffset: props.service.defaultDayOffset,
          active: props.service.active,
          parentServiceId: props.service.parentServiceId,
        }
      : {
          name: '',
          code: '',
          providerCategory: 'rent_ready',
          kind: 'standard',
          defaultDayOffset: 2,
          active: true,
          parentServiceId: null,
        },
    validate: {
      name: (value) => (value.trim() ? null : 'Enter a name'),
      code: (value) => (/^[A-Za-z0-9_-]+$/.test(value.trim()) ? null : 'Use letters, digits, - and _ only'),
      defaultDayOffset: (value) => (value === '' ? 'Enter the days before move-in' : null),
    },
  });
  const submit = form.onSubmit((values) =>
    props.onSubmit(
      {
        ...values,
        defaultDayOffset: Number(values.defaultDayOffset),
        parentServiceId: values.kind === 'add_on' ? values.parentServiceId : null,
      },
      form,
    ),
  );
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(props.error)} />
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <TextInput
            label="Code"
            description="Short and unique, e.g. PAINT_TOUCH"
            withAsterisk
            {...form.getInputProps('code')}
          />
          <Select
            label="Performed by"
            data={providerOptions}
            allowDeselect={false}
            {...form.getInputProps('providerCategory')}
          />
          <Select label="Kind" data={kindOptions} allowDeselect={false} {...form.getInputProps('kind')} />
          {form.values.kind === 'add_on' ? (
            <Select
              label="Offered with"
              description="Customers see this add-on only with this service; leave empty to offer it with any"
              placeholder="Any service"
              clearable
              searchable
              data={props.standardServices
                .filter((service) => service.kind === 'standard' && service.id !== props.service?.id)
                .map((service) => ({ value: service.id, label: service.name }))}
              {...form.getInputProps('parentServiceId')}
            />
          ) : null}
          <NumberInput
            label="Days before move-in"
            description="Used to back-schedule the service from the move-in date"
            min={0}
            max={365}
            allowDecimal={false}
            {...form.getInputProps('defaultDayOffset')}
          />
          <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={props.loading}>
              Save service
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "with Carpet cleaning" under an add-on tied to a service. */
export function ParentServiceNote({ service, services }: { service: Service; services: readonly Service[] }) {
  const parent = service.parentServiceId
    ? services.find((candidate) => candidate.id === service.parentServiceId)
    : null;
  return parent ? (
    <Text size="xs" c="dimmed">
      with {parent.name}
    </Text>
  ) : null;
}

/** A row's Edit and Delete, off (with the reason) for roles that cannot change customer setup. */
export function EditDeleteButtons({
  name,
  onEdit,
  onDelete,
}: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <>
      <RequiresPermission permission="customerSetup">
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconPencil size={14} />}
          aria-label={`Edit ${name}`}
          onClick={onEdit}
        >
          Edit
        </Button>
      </RequiresPermission>
      <RequiresPermission permission="customerSetup">
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} />}
          aria-label={`Delete ${name}`}
          onClick={onDelete}
        >
          Delete
        </Button>
      </RequiresPermission>
    </>
  );
}
