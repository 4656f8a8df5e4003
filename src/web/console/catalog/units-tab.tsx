import { Button, Card, Group, Loader, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconStack2 } from '@tabler/icons-react';
import { useState } from 'react';
import type { Unit } from '../../../shared/catalog-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useCreateUnit, useCreateUnits, useDeleteUnit, useFloorplans, useUnits, useUpdateUnit } from './catalog-api.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { applyFieldErrors, formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { RequiresPermission } from '../session/staff-permission.tsx';
import { EditDeleteButtons } from './catalog-ui.tsx';

export function UnitsTab({ accountId }: { accountId: string }) {
  const units = useUnits(accountId);
  const floorplans = useFloorplans(accountId);
  const remove = useDeleteUnit();
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [bulk, setBulk] = useState(false);
  const [deleting, setDeleting] = useState<Unit | null>(null);
  const floorplanOptions = (floorplans.data?.items ?? []).map((floorplan) => ({
    value: floorplan.id,
    label: floorplan.name,
  }));

  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md">
        <Text size="sm" c="dimmed">
          {units.data ? `${units.data.items.length} unit${units.data.items.length === 1 ? '' : 's'}` : 'Units'} at this
          property, each with its floorplan.
        </Text>
        <Group>
          <RequiresPermission permission="customerSetup">
            <Button variant="default" leftSection={<IconStack2 size={16} />} onClick={() => setBulk(true)}>
              Add a range
            </Button>
          </RequiresPermission>
          <RequiresPermission permission="customerSetup">
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              Add unit
            </Button>
          </RequiresPermission>
        </Group>
      </Group>
      <ErrorAlert error={units.error} />
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Units">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Floorplan</Table.Th>
            <Table.Th>Notes</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.isPending ? (
            <EmptyRow colSpan={4}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {units.data?.items.length === 0 ? (
            <EmptyRow colSpan={4}>No units yet. Add one, or a range such as 101-120.</EmptyRow>
          ) : null}
          {units.data?.items.map((unit) => (
            <Table.Tr key={unit.id}>
              <Table.Td>
                <Text fw={500}>{unit.number}</Text>
              </Table.Td>
              <Table.Td>
                {unit.floorplanName ?? (
                  <Text span c="dimmed" size="sm">
                    No floorplan
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1}>
                  {unit.notes ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <EditDeleteButtons
                    name={`unit ${unit.number}`}
                    onEdit={() => setEditing(unit)}
                    onDelete={() => {
                      remove.reset();
                      setDeleting(unit);
                    }}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? (
        <UnitFormModal
          accountId={accountId}
          unit={editing === 'new' ? null : editing}
          floorplanOptions={floorplanOptions}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {bulk ? (
        <BulkUnitsModal accountId={accountId} floorplanOptions={floorplanOptions} onClose={() => setBulk(false)} />
      ) : null}
      <ConfirmModal
        opened={Boolean(deleting)}
        title={`Delete unit ${deleting?.number ?? ''}?`}
        confirmLabel="Delete unit"
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySaved(`Unit ${deleting.number} was deleted.`);
              setDeleting(null);
            },
          })
        }
      >
        The unit is removed from this property.
      </ConfirmModal>
    </Card>
  );
}

type Options = Array<{ value: string; label: string }>;

function UnitFormModal({
  accountId,
  unit,
  floorplanOptions,
  onClose,
}: {
  accountId: string;
  unit: Unit | null;
  floorplanOptions: Options;
  onClose: () => void;
}) {
  const create = useCreateUnit(accountId);
  const update = useUpdateUnit();
  const mutation = unit ? update : create;
  const form = useForm({
    initialValues: {
      number: unit?.number ?? '',
      floorplanId: unit?.floorplanId ?? (null as string | null),
      notes: unit?.notes ?? '',
    },
    validate: { number: (value) => (value.trim() ? null : 'Enter a unit number') },
  });
  const submit = form.onSubmit((values) => {
    const options = {
      onSuccess: () => {
        notifySaved(`Unit ${values.number} is saved.`);
        onClose();
      },
      onError: (error: unknown) => applyFieldErrors(form, error),
    };
    if (unit) update.mutate({ unitId: unit.id, body: values, version: unit.version }, options);
    else create.mutate(values, options);
  });
  return (
    <Modal opened onClose={onClose} title={unit ? `Edit unit ${unit.number}` : 'Add a unit'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(mutation.error)} />
          <TextInput label="Unit number" withAsterisk {...form.getInputProps('number')} />
          <Select
            label="Floorplan"
            data={floorplanOptions}
            clearable
            placeholder={floorplanOptions.length ? 'Choose a floorplan' : 'Add floorplans first'}
            {...form.getInputProps('floorplanId')}
          />
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Save unit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function BulkUnitsModal({
  accountId,
  floorplanOptions,
  onClose,
}: {
  accountId: string;
  floorplanOptions: Options;
  onClose: () => void;
}) {
  const create = useCreateUnits(accountId);
  const form = useForm({ initialValues: { numbers: '', floorplanId: null as string | null } });
  const submit = form.onSubmit((values) =>
    create.mutate(values, {
      onSuccess: (result) => {
        notifySaved(`${result.items.length} units added.`);
        onClose();
      },
      onError: (error) => applyFieldErrors(form, error),
    }),
  );
  return (
    <Modal opened onClose={onClose} title="Add a range of units" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(create.error)} />
          <TextInput
            label="Unit numbers"
            description="A range, a list, or both: 101-120, 201, 2A"
            withAsterisk
            {...form.getInputProps('numbers')}
          />
          <Select
            label="Floorplan"
            description="Given to every new unit"
            data={floorplanOptions}
            clearable
            {...form.getInputProps('floorplanId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add units
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
