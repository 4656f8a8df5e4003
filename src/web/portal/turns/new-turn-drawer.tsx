import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  Loader,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { formatCents, type CreateTurnBody, type TurnPreviewBody } from '../../../shared/turn-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { ProviderBadge } from '../../ui/service-badges.tsx';
import { useCreateTurn, usePropertyFloorplans, usePropertyUnits, useTurnPreview } from './turns-api.ts';
import { formatShortDate } from '../../ui/turn-display.tsx';
import { formLevelError } from '../../ui/form-feedback.ts';

/**
 * A date field holds "0002-07-01" while its year is being typed: only a real date with a four-digit year
 * from 2000 on counts as complete (the preview is asked for nothing else).
 */
const isDate = (value: string) =>
  /^(20|21)\d{2}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

interface LineChoice {
  selected: boolean;
  /** A date picked here; null keeps the back-scheduled one. */
  date: string | null;
  addOnIds: string[];
  poNumber: string;
}

/**
 * "New turn": unit, floorplan and dates; the services then appear with dates back-scheduled from the
 * move-in and prices from the floorplan pricelist, with the total and Save at the bottom, always in view. Nothing is saved until "Save turn".
 */
export function NewTurnDrawer({
  accountId,
  opened,
  onClose,
}: {
  accountId: string;
  opened: boolean;
  onClose: () => void;
}) {
  // A phone gets the whole screen: the services list needs every pixel of its width.
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const units = usePropertyUnits(accountId);
  const floorplans = usePropertyFloorplans(accountId);
  const create = useCreateTurn(accountId);
  const navigate = useNavigate();
  const [unitNotListed, setUnitNotListed] = useState(false);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [unitNumber, setUnitNumber] = useState('');
  const [floorplanId, setFloorplanId] = useState<string | null>(null);
  const [moveOutDate, setMoveOutDate] = useState('');
  const [moveInDate, setMoveInDate] = useState('');
  const [notes, setNotes] = useState('');
  const [defaultPoNumber, setDefaultPoNumber] = useState('');
  const [poUnknown, setPoUnknown] = useState(false);
  const [choices, setChoices] = useState<Record<string, LineChoice>>({});

  const typedBody: TurnPreviewBody | null =
    floorplanId && isDate(moveOutDate)
      ? { floorplanId, moveOutDate, moveInDate: isDate(moveInDate) ? moveInDate : null }
      : null;
  // One request once the typing pauses, not one per keystroke.
  const [previewKey] = useDebouncedValue(JSON.stringify(typedBody), 300, { leading: true });
  const previewBody = useMemo(() => JSON.parse(previewKey) as TurnPreviewBody | null, [previewKey]);
  const preview = useTurnPreview(accountId, previewBody);

  // New services start with the turn profile selected; choices already made are kept.
  useEffect(() => {
    if (!preview.data) return;
    setChoices((current) =>
      Object.fromEntries(
        preview.data.services.map((service) => [
          service.serviceId,
          current[service.serviceId] ?? { selected: service.inTurnProfile, date: null, addOnIds: [], poNumber: '' },
        ]),
      ),
    );
  }, [preview.data]);

  const chooseUnit = (value: string | null) => {
    setUnitId(value);
    const unit = units.data?.items.find((candidate) => candidate.id === value);
    if (unit?.floorplanId) setFloorplanId(unit.floorplanId);
  };

  const update = (serviceId: string, change: Partial<LineChoice>) =>
    setChoices((current) => ({ ...current, [serviceId]: { ...current[serviceId]!, ...change } }));

  const selected = (preview.data?.services ?? []).filter((service) => choices[service.serviceId]?.selected);
  const addOnPrice = new Map((preview.data?.addOns ?? []).map((addOn) => [addOn.serviceId, addOn.priceCents ?? 0]));
  const totalCents = selected.reduce(
    (total, service) =>
      total +
      (service.priceCents ?? 0) +
      choices[service.serviceId]!.addOnIds.reduce((sum, id) => sum + (addOnPrice.get(id) ?? 0), 0),
    0,
  );

  const fieldErrors = create.error instanceof ApiRequestError ? create.error.fieldErrors() : {};
  const lineError = (serviceId: string, field: string) => {
    const index = selected.findIndex((service) => service.serviceId === serviceId);
    return index >= 0 ? fieldErrors[`lines.${index}.${field}`] : undefined;
  };
  const previewError = preview.error instanceof ApiRequestError ? preview.error.fieldErrors() : {};

  const reset = () => {
    setUnitNotListed(false);
    setUnitId(null);
    setUnitNumber('');
    setFloorplanId(null);
    setMoveOutDate('');
    setMoveInDate('');
    setNotes('');
    setDefaultPoNumber('');
    setPoUnknown(false);
    setChoices({});
    create.reset();
  };

  const save = (allowOverlap = false) => {
    const body: CreateTurnBody = {
      allowOverlap,
      unitId: unitNotListed ? null : unitId,
      unitNumber: unitNotListed ? unitNumber : null,
      floorplanId,
      moveOutDate,
      moveInDate: moveInDate || null,
      notes: notes || null,
      defaultPoNumber: poUnknown ? null : defaultPoNumber || null,
      poUnknown,
      lines: selected.map((service) => {
        const choice = choices[service.serviceId]!;
        return {
          serviceId: service.serviceId,
          scheduledDate: choice.date,
          addOnServiceIds: choice.addOnIds,
          poNumber: choice.poNumber || null,
        };
      }),
    };
    create.mutate(body, {
      onSuccess: (turn) => {
        notifications.show({
          color: 'teal',
          title: 'Turn saved',
          message: `Unit ${turn.unitNumber}: ${turn.lines.length} service${turn.lines.length === 1 ? '' : 's'} ordered.`,
        });
        reset();
        onClose();
        void navigate({ to: '/portal/turns/$turnId', params: { turnId: turn.id } });
      },
    });
  };

  const duplicateOf = create.error instanceof ApiRequestError ? create.error.existingTurnId : null;

  const unitOptions = useMemo(
    () =>
      (units.data?.items ?? []).map((unit) => ({
        value: unit.id,
        label: unit.floorplanName ? `${unit.number} (${unit.floorplanName})` : unit.number,
      })),
    [units.data],
  );
  const floorplanOptions = (floorplans.data?.items ?? []).map((floorplan) => ({
    value: floorplan.id,
    label: floorplan.name,
  }));
  // An add-on tied to a service in the catalog is offered only with it.
  const addOnOptionsFor = (serviceId: string) =>
    (preview.data?.addOns ?? [])
      .filter((addOn) => !addOn.parentServiceId || addOn.parentServiceId === serviceId)
      .map((addOn) => ({ value: addOn.serviceId, label: `${addOn.name} (${formatCents(addOn.priceCents)})` }));

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'xl'}
      title={
        <Title order={2} size="h3">
          New turn
        </Title>
      }
    >
      <Stack>
        <Group justify="space-between" align="flex-start">
          <Text size="sm" c="dimmed" maw={420}>
            Enter the unit and dates. Each service’s date fills in from the move-in; change any date, remove services
            you don’t need, add add-ons and notes.
          </Text>
        </Group>
        {duplicateOf ? (
          <Alert color="yellow" variant="light" title="This unit already has an open turn for these dates">
            <Group gap="xs" mt="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  reset();
                  onClose();
                  void navigate({ to: '/portal/turns/$turnId', params: { turnId: duplicateOf } });
                }}
              >
                Open the existing turn
              </Button>
              <Button size="xs" onClick={() => save(true)} loading={create.isPending}>
                Order anyway
              </Button>
            </Group>
          </Alert>
        ) : (
          <ErrorAlert error={formLevelError(create.error)} />
        )}
        <Group grow align="flex-start">
          {unitNotListed ? (
            <TextInput
              label="Unit number"
              withAsterisk
              value={unitNumber}
              onChange={(event) => setUnitNumber(event.currentTarget.value)}
              error={fieldErrors.unitNumber}
            />
          ) : (
            <Select
              label="Unit"
              data-autofocus
              openOnFocus={false}
              withAsterisk
              searchable
              data={unitOptions}
              value={unitId}
              onChange={chooseUnit}
              placeholder="Search units"
              nothingFoundMessage="No such unit"
              error={fieldErrors.unitId ?? fieldErrors.unitNumber}
            />
          )}
          <Select
            label="Floorplan"
            withAsterisk
            data={floorplanOptions}
            value={floorplanId}
            onChange={setFloorplanId}
            allowDeselect={false}
            error={fieldErrors.floorplanId ?? previewError.floorplanId}
          />
        </Group>
        <Switch
          size="xs"
          label="The unit is not listed"
          checked={unitNotListed}
          onChange={(event) => setUnitNotListed(event.currentTarget.checked)}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Move-out"
            withAsterisk
            value={moveOutDate}
            onChange={(event) => setMoveOutDate(event.currentTarget.value)}
            error={fieldErrors.moveOutDate}
          />
          <TextInput
            type="date"
            label="Move-in"
            description={
              preview.data?.readyByDate
                ? `Ready by ${formatShortDate(preview.data.readyByDate)}`
                : 'Optional; fills in the service dates'
            }
            value={moveInDate}
            onChange={(event) => setMoveInDate(event.currentTarget.value)}
            error={fieldErrors.moveInDate ?? previewError.moveInDate}
          />
        </Group>

        <Divider label="Services" labelPosition="left" />
        {!previewBody ? (
          <Text size="sm" c="dimmed">
            Choose the floorplan and the move-out date to see the services.
          </Text>
        ) : null}
        {preview.isFetching && !preview.data ? <Loader size="sm" /> : null}
        {preview.data?.unpricedServiceNames.length ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
            Not priced for this floorplan yet, so not offered: {preview.data.unpricedServiceNames.join(', ')}. Contact
            us to add them.
          </Alert>
        ) : null}
        {preview.data ? (
          <Table className="cards-on-phone" verticalSpacing="xs" aria-label="Services to order">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th>Service</Table.Th>
                <Table.Th w={160}>Date</Table.Th>
                <Table.Th>Add-ons</Table.Th>
                <Table.Th w={130}>PO (optional)</Table.Th>
                <Table.Th ta="right">Price</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.data.services.map((service) => {
                const choice = choices[service.serviceId];
                if (!choice) return null;
                const addOnOptions = addOnOptionsFor(service.serviceId);
                return (
                  <Table.Tr key={service.serviceId} opacity={choice.selected ? 1 : 0.55}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Order ${service.name}`}
                        checked={choice.selected}
                        onChange={(event) => update(service.serviceId, { selected: event.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" fw={500}>
                          {service.name}
                        </Text>
                        <ProviderBadge value={service.providerCategory} />
                      </Stack>
                    </Table.Td>
                    <Table.Td data-label="Date">
                      <TextInput
                        type="date"
                        size="xs"
                        aria-label={`${service.name} date`}
                        disabled={!choice.selected}
                        value={choice.date ?? service.suggestedDate ?? ''}
                        onChange={(event) => update(service.serviceId, { date: event.currentTarget.value || null })}
                        error={lineError(service.serviceId, 'scheduledDate')}
                      />
                      {choice.date && choice.date !== service.suggestedDate ? (
                        <Badge size="xs" variant="light" color="grape" mt={2}>
                          Picked date
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td data-label="Add-ons">
                      <MultiSelect
                        size="xs"
                        aria-label={`${service.name} add-ons`}
                        disabled={!choice.selected}
                        data={addOnOptions}
                        value={choice.addOnIds}
                        placeholder={addOnOptions.length ? 'None' : 'No add-ons'}
                        onChange={(value) => update(service.serviceId, { addOnIds: value })}
                        error={lineError(service.serviceId, 'addOnServiceIds')}
                      />
                    </Table.Td>
                    <Table.Td data-label="PO (optional)">
                      <TextInput
                        size="xs"
                        aria-label={`${service.name} PO`}
                        disabled={!choice.selected}
                        value={choice.poNumber}
                        onChange={(event) => update(service.serviceId, { poNumber: event.currentTarget.value })}
                        error={lineError(service.serviceId, 'poNumber')}
                      />
                    </Table.Td>
                    <Table.Td data-label="Price" ta="right">
                      <Text size="sm">{formatCents(service.priceCents)}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        ) : null}
        {fieldErrors.lines ? (
          <Text c="red" size="sm">
            {fieldErrors.lines}
          </Text>
        ) : null}

        <Divider label="Purchase order and notes" labelPosition="left" />
        <Group align="flex-end">
          <TextInput
            label="Default PO number"
            description="Attached to every service without its own PO"
            disabled={poUnknown}
            value={poUnknown ? '' : defaultPoNumber}
            onChange={(event) => setDefaultPoNumber(event.currentTarget.value)}
            error={fieldErrors.defaultPoNumber}
            w={260}
          />
          <Checkbox
            label="I don’t know the PO number yet"
            checked={poUnknown}
            onChange={(event) => setPoUnknown(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <Textarea
          label="Notes"
          description="Scope of work details help the pros: pets, odors, damage, access"
          autosize
          minRows={2}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          error={fieldErrors.notes}
        />
        {/* Stuck to the bottom of the drawer, so the total and "Save turn" stay in view however long the form. */}
        <Group
          justify="space-between"
          pos="sticky"
          bottom={0}
          py="sm"
          bg="white"
          style={{ zIndex: 2, borderTop: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Estimated total
            </Text>
            <Text fw={700} size="xl" aria-label="Estimated total">
              {formatCents(totalCents)}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button onClick={() => save()} loading={create.isPending} disabled={!preview.data || selected.length === 0}>
              Save turn
            </Button>
          </Group>
        </Group>
      </Stack>
    </Drawer>
  );
}
