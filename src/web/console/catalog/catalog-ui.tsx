import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import {
  PROVIDER_CATEGORY_LABELS, ProviderCategorySchema, SERVICE_KIND_LABELS, ServiceKindSchema, type ProviderCategory, type Service, type ServiceFields, type ServiceKind,
} from '../../../shared/catalog-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';

const PROVIDER_COLORS: Record<ProviderCategory, string> = { rent_ready: 'cyan', in_house: 'grape', other_vendor: 'orange' };

export function ProviderBadge({ value }: { value: ProviderCategory }) {
  return <Badge variant="light" color={PROVIDER_COLORS[value]}>{PROVIDER_CATEGORY_LABELS[value]}</Badge>;
}

export function KindBadge({ value }: { value: ServiceKind }) {
  return <Badge variant="outline" color={value === 'standard' ? 'blue' : 'gray'}>{SERVICE_KIND_LABELS[value]}</Badge>;
}

export const providerOptions = ProviderCategorySchema.options.map((value) => ({ value, label: PROVIDER_CATEGORY_LABELS[value] }));
export const kindOptions = ServiceKindSchema.options.map((value) => ({ value, label: SERVICE_KIND_LABELS[value] }));

/** A table row spanning every column, for "nothing here yet". */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}><Text c="dimmed" ta="center" py="md" size="sm">{children}</Text></Table.Td>
    </Table.Tr>
  );
}

export function notifySaved(message: string) {
  notifications.show({ color: 'teal', title: 'Saved', message });
}

/** Shows the API's field errors next to the fields; other errors stay for the form's ErrorAlert. */
export function applyFieldErrors<Values>(form: UseFormReturnType<Values>, error: unknown, rename: Record<string, string> = {}) {
  if (error instanceof ApiRequestError && error.fields.length) {
    form.setErrors(Object.fromEntries(error.fields.map((field) => [rename[field.path] ?? field.path, field.message])));
  }
}

/** The error to show above a form: none when it is all field errors (those show next to their fields). */
export function formLevelError(error: unknown) {
  return error instanceof ApiRequestError && error.fields.length ? null : error;
}

export function ConfirmModal(props: { opened: boolean; title: string; children: ReactNode; confirmLabel: string; loading?: boolean; error?: unknown; onConfirm: () => void; onClose: () => void }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack>
        <ErrorAlert error={props.error} />
        <Text size="sm">{props.children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>Cancel</Button>
          <Button color="red" loading={props.loading} onClick={props.onConfirm}>{props.confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type ServiceFormValues = { name: string; code: string; providerCategory: ProviderCategory; kind: ServiceKind; defaultDayOffset: number | string; active: boolean };

/** Add or edit a service (vendor-wide or custom); the caller performs the save. */
export function ServiceFormModal(props: {
  opened: boolean;
  title: string;
  service?: Service | null;
  loading: boolean;
  error: unknown;
  onSubmit: (body: ServiceFields, form: UseFormReturnType<ServiceFormValues>) => void;
  onClose: () => void;
}) {
  const form = useForm<ServiceFormValues>({
    initialValues: props.service
      ? { name: props.service.name, code: props.service.code, providerCategory: props.service.providerCategory, kind: props.service.kind, defaultDayOffset: props.service.defaultDayOffset, active: props.service.active }
      : { name: '', code: '', providerCategory: 'rent_ready', kind: 'standard', defaultDayOffset: 2, active: true },
    validate: {
      name: (value) => (value.trim() ? null : 'Enter a name'),
      code: (value) => (/^[A-Za-z0-9_-]+$/.test(value.trim()) ? null : 'Use letters, digits, - and _ only'),
      defaultDayOffset: (value) => (value === '' ? 'Enter the days before move-in' : null),
    },
  });
  const submit = form.onSubmit((values) => props.onSubmit({ ...values, defaultDayOffset: Number(values.defaultDayOffset) }, form));
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(props.error)} />
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <TextInput label="Code" description="Short and unique, e.g. PAINT_TOUCH" withAsterisk {...form.getInputProps('code')} />
          <Select label="Performed by" data={providerOptions} allowDeselect={false} {...form.getInputProps('providerCategory')} />
          <Select label="Kind" data={kindOptions} allowDeselect={false} {...form.getInputProps('kind')} />
          <NumberInput label="Days before move-in" description="Used to back-schedule the service from the move-in date" min={0} max={365} allowDecimal={false} {...form.getInputProps('defaultDayOffset')} />
          <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>Cancel</Button>
            <Button type="submit" loading={props.loading}>Save service</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
