import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  MultiSelect,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Pro } from '../../../shared/catalog-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { useCreatePro, useDeletePro, usePros, useServices, useUpdatePro } from './catalog-api.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { applyFieldErrors, formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { RequiresPermission } from '../session/staff-permission.tsx';
import { EditDeleteButtons } from './catalog-ui.tsx';

export function ProsPage() {
  const pros = usePros();
  const services = useServices(true);
  const [editing, setEditing] = useState<Pro | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Pro | null>(null);
  const remove = useDeletePro();
  const serviceName = new Map(services.data?.items.map((service) => [service.id, service.name]));

  return (
    <Page
      title="Pros"
      description="Field technicians, the services they perform, and how to reach them."
      actions={
        <RequiresPermission permission="customerSetup">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Add pro
          </Button>
        </RequiresPermission>
      }
    >
      <ErrorAlert error={pros.error} />
      <Card withBorder padding={0}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Services</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pros.isPending ? (
              <EmptyRow colSpan={5}>
                <Loader size="sm" />
              </EmptyRow>
            ) : null}
            {pros.data?.items.length === 0 ? (
              <EmptyRow colSpan={5}>No pros yet. Add the technicians who perform your services.</EmptyRow>
            ) : null}
            {pros.data?.items.map((pro) => (
              <Table.Tr key={pro.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={500}>{pro.name}</Text>
                    {pro.active ? null : (
                      <Badge color="gray" variant="light">
                        Inactive
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{pro.phone ?? '—'}</Table.Td>
                <Table.Td>{pro.email ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {pro.serviceIds.map((serviceId) => (
                      <Badge key={serviceId} variant="light" size="sm">
                        {serviceName.get(serviceId) ?? '…'}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <EditDeleteButtons
                      name={pro.name}
                      onEdit={() => setEditing(pro)}
                      onDelete={() => {
                        remove.reset();
                        setDeleting(pro);
                      }}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {editing ? (
        <ProFormModal
          pro={editing === 'new' ? null : editing}
          serviceOptions={(services.data?.items ?? []).map((service) => ({ value: service.id, label: service.name }))}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmModal
        opened={Boolean(deleting)}
        title={`Delete ${deleting?.name ?? 'pro'}?`}
        confirmLabel="Delete pro"
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySaved(`${deleting.name} was deleted.`);
              setDeleting(null);
            },
          })
        }
      >
        Properties that prefer this pro lose that preference. To keep the history, mark the pro inactive instead.
      </ConfirmModal>
    </Page>
  );
}

function ProFormModal({
  pro,
  serviceOptions,
  onClose,
}: {
  pro: Pro | null;
  serviceOptions: Array<{ value: string; label: string }>;
  onClose: () => void;
}) {
  const create = useCreatePro();
  const update = useUpdatePro();
  const mutation = pro ? update : create;
  const form = useForm({
    initialValues: {
      name: pro?.name ?? '',
      phone: pro?.phone ?? '',
      email: pro?.email ?? '',
      active: pro?.active ?? true,
      dailyCapacity: pro?.dailyCapacity ?? 4,
      serviceIds: pro?.serviceIds ?? [],
    },
    validate: { name: (value) => (value.trim() ? null : 'Enter a name') },
  });
  const submit = form.onSubmit((values) => {
    const options = {
      onSuccess: () => {
        notifySaved(`${values.name} is saved.`);
        onClose();
      },
      onError: (error: unknown) => applyFieldErrors(form, error),
    };
    if (pro) update.mutate({ proId: pro.id, body: values, version: pro.version }, options);
    else create.mutate(values, options);
  });
  return (
    <Modal opened onClose={onClose} title={pro ? `Edit ${pro.name}` : 'Add a pro'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(mutation.error)} />
          <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
          <TextInput
            label="Mobile phone"
            description="For SMS, in the format +1XXXXXXXXXX"
            {...form.getInputProps('phone')}
          />
          <TextInput label="Email" type="email" {...form.getInputProps('email')} />
          <MultiSelect
            label="Services"
            description="What this pro performs"
            data={serviceOptions}
            searchable
            {...form.getInputProps('serviceIds')}
          />
          <NumberInput
            label="Services a day"
            description="Orders past this go to the property's secondary pro that day"
            min={1}
            max={50}
            allowDecimal={false}
            {...form.getInputProps('dailyCapacity')}
          />
          <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Save pro
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
