import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCurrencyDollar, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  formatCents,
  PRICELIST_SOURCE_LABELS,
  PricelistSourceSchema,
  type Floorplan,
  type PricelistSource,
} from '../../../shared/catalog-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import {
  centsToDollars,
  dollarsToCents,
  useAccountPricing,
  useCreateFloorplan,
  useDeleteFloorplan,
  useFloorplanPrices,
  useFloorplans,
  useSetFloorplanPrices,
  useSetupStatus,
  useUpdateAccountPricing,
  useUpdateFloorplan,
} from './catalog-api.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { applyFieldErrors, formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { KindBadge, ProviderBadge } from '../../ui/service-badges.tsx';
import { SetupStatusAlert } from './setup-status-alert.tsx';
import { RequiresPermission } from '../session/staff-permission.tsx';
import { EditDeleteButtons } from './catalog-ui.tsx';

export function PricingTab({ accountId }: { accountId: string }) {
  const status = useSetupStatus(accountId);
  return (
    <Stack>
      <SetupStatusAlert accountId={accountId} />
      <PricingConfigurationCard accountId={accountId} />
      {status.data?.accountKind === 'property' ? <FloorplansCard accountId={accountId} /> : null}
    </Stack>
  );
}

/** Dollar inputs keyed by service id, with per-row errors mapped back from `prices.N.priceCents`. */
function usePriceInputs() {
  const [prices, setPrices] = useState<Record<string, number | string>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const entries = () =>
    Object.entries(prices)
      .filter(([, value]) => value !== '' && value !== undefined)
      .map(([serviceId, value]) => ({ serviceId, priceCents: dollarsToCents(value)! }));
  const showErrors = (error: unknown, sent: Array<{ serviceId: string }>) => {
    if (error instanceof ApiRequestError)
      setRowErrors(
        Object.fromEntries(
          error.fields.map((field) => [sent[Number(field.path.split('.')[1])]?.serviceId ?? '', field.message]),
        ),
      );
  };
  return { prices, setPrices, rowErrors, setRowErrors, entries, showErrors };
}

function PricingConfigurationCard({ accountId }: { accountId: string }) {
  const pricing = useAccountPricing(accountId);
  const save = useUpdateAccountPricing(accountId, pricing.data?.version ?? 0);
  const [pricelist, setPricelist] = useState<PricelistSource>('master');
  const [notes, setNotes] = useState('');
  const inputs = usePriceInputs();

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new server copy resets the inputs, not the form's own state
  useEffect(() => {
    if (!pricing.data) return;
    setPricelist(pricing.data.pricelist);
    setNotes(pricing.data.notes ?? '');
    inputs.setPrices(
      Object.fromEntries(pricing.data.items.map((item) => [item.id, centsToDollars(item.overridePriceCents)])),
    );
  }, [pricing.data]);

  if (pricing.isPending) return <Loader size="sm" />;
  if (pricing.error) return <ErrorAlert error={pricing.error} />;

  const submit = () => {
    const overrides = pricelist === 'account' ? inputs.entries() : [];
    inputs.setRowErrors({});
    save.mutate(
      { pricelist, notes, overrides },
      {
        onSuccess: () => notifySaved('The pricing configuration is saved.'),
        onError: (error) => inputs.showErrors(error, overrides),
      },
    );
  };

  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <div>
            <Title order={3} size="h4">
              Pricing configuration
            </Title>
            <Text size="sm" c="dimmed">
              {pricing.data.exists
                ? 'Which prices this account pays before floorplan prices.'
                : 'Not configured yet: choose a pricelist and save.'}
            </Text>
          </div>
          <RequiresPermission permission="customerSetup">
            <Button onClick={submit} loading={save.isPending}>
              Save pricing
            </Button>
          </RequiresPermission>
        </Group>
        <ErrorAlert error={formLevelError(save.error)} />
        <Group align="flex-start" grow>
          <Select
            label="Pricelist"
            data={PricelistSourceSchema.options.map((value) => ({ value, label: PRICELIST_SOURCE_LABELS[value] }))}
            value={pricelist}
            allowDeselect={false}
            onChange={(value) => value && setPricelist(value as PricelistSource)}
          />
          <Textarea
            label="Pricing notes"
            autosize
            minRows={1}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
          />
        </Group>
        {pricelist === 'account' ? (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Master price</Table.Th>
                <Table.Th w={200}>Account price (USD)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pricing.data.items.length === 0 ? (
                <EmptyRow colSpan={4}>No services for this account yet.</EmptyRow>
              ) : null}
              {pricing.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{item.name}</Table.Td>
                  <Table.Td>
                    <KindBadge value={item.kind} />
                  </Table.Td>
                  <Table.Td>{formatCents(item.masterPriceCents)}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`Account price for ${item.name}`}
                      placeholder="Master price"
                      prefix="$"
                      decimalScale={2}
                      thousandSeparator=","
                      hideControls
                      value={inputs.prices[item.id] ?? ''}
                      error={inputs.rowErrors[item.id]}
                      onChange={(value) => inputs.setPrices((current) => ({ ...current, [item.id]: value }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Card>
  );
}

function FloorplansCard({ accountId }: { accountId: string }) {
  const floorplans = useFloorplans(accountId);
  const remove = useDeleteFloorplan();
  const [editing, setEditing] = useState<Floorplan | 'new' | null>(null);
  const [pricing, setPricing] = useState<Floorplan | null>(null);
  const [deleting, setDeleting] = useState<Floorplan | null>(null);

  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md">
        <div>
          <Title order={3} size="h4">
            Floorplans
          </Title>
          <Text size="sm" c="dimmed">
            Each floorplan has its own pricelist of standard services and add-ons.
          </Text>
        </div>
        <RequiresPermission permission="customerSetup">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Add floorplan
          </Button>
        </RequiresPermission>
      </Group>
      <ErrorAlert error={floorplans.error} />
      <Table striped highlightOnHover verticalSpacing="sm" aria-label="Floorplans">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Floorplan</Table.Th>
            <Table.Th>Beds</Table.Th>
            <Table.Th>Baths</Table.Th>
            <Table.Th>Sq ft</Table.Th>
            <Table.Th>Pricelist</Table.Th>
            <Table.Th>Units</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {floorplans.isPending ? (
            <EmptyRow colSpan={7}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {floorplans.data?.items.length === 0 ? (
            <EmptyRow colSpan={7}>
              No floorplans yet. Add the property’s floorplans (for example 1 bed / 1 bath).
            </EmptyRow>
          ) : null}
          {floorplans.data?.items.map((floorplan) => (
            <Table.Tr key={floorplan.id}>
              <Table.Td>
                <Text fw={500}>{floorplan.name}</Text>
              </Table.Td>
              <Table.Td>{floorplan.bedrooms === 0 ? 'Studio' : floorplan.bedrooms}</Table.Td>
              <Table.Td>{floorplan.bathrooms}</Table.Td>
              <Table.Td>{floorplan.squareFeet?.toLocaleString() ?? '—'}</Table.Td>
              <Table.Td>
                {floorplan.standardPriceCount === 0 ? (
                  <Badge color="red" variant="light">
                    No standard prices
                  </Badge>
                ) : (
                  <Text size="sm">
                    {floorplan.standardPriceCount} standard · {floorplan.addOnPriceCount} add-ons
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{floorplan.unitCount}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconCurrencyDollar size={14} />}
                    aria-label={`Pricelist of ${floorplan.name}`}
                    onClick={() => setPricing(floorplan)}
                  >
                    Pricelist
                  </Button>
                  <EditDeleteButtons
                    name={floorplan.name}
                    onEdit={() => setEditing(floorplan)}
                    onDelete={() => {
                      remove.reset();
                      setDeleting(floorplan);
                    }}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? (
        <FloorplanFormModal
          accountId={accountId}
          floorplan={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {pricing ? <FloorplanPricelistModal floorplan={pricing} onClose={() => setPricing(null)} /> : null}
      <ConfirmModal
        opened={Boolean(deleting)}
        title={`Delete ${deleting?.name ?? 'floorplan'}?`}
        confirmLabel="Delete floorplan"
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
        The floorplan and its pricelist are deleted. Floorplans that units still use cannot be deleted.
      </ConfirmModal>
    </Card>
  );
}

function FloorplanFormModal({
  accountId,
  floorplan,
  onClose,
}: {
  accountId: string;
  floorplan: Floorplan | null;
  onClose: () => void;
}) {
  const create = useCreateFloorplan(accountId);
  const update = useUpdateFloorplan();
  const mutation = floorplan ? update : create;
  const form = useForm({
    initialValues: {
      name: floorplan?.name ?? '',
      bedrooms: floorplan?.bedrooms ?? 1,
      bathrooms: floorplan?.bathrooms ?? 1,
      squareFeet: (floorplan?.squareFeet ?? '') as number | string,
    },
    validate: { name: (value) => (value.trim() ? null : 'Enter a name') },
  });
  const submit = form.onSubmit((values) => {
    const body = {
      name: values.name,
      bedrooms: Number(values.bedrooms),
      bathrooms: Number(values.bathrooms),
      squareFeet: values.squareFeet === '' ? null : Number(values.squareFeet),
    };
    const options = {
      onSuccess: () => {
        notifySaved(`${values.name} is saved.`);
        onClose();
      },
      onError: (error: unknown) => applyFieldErrors(form, error),
    };
    if (floorplan) update.mutate({ floorplanId: floorplan.id, body, version: floorplan.version }, options);
    else create.mutate(body, options);
  });
  return (
    <Modal opened onClose={onClose} title={floorplan ? `Edit ${floorplan.name}` : 'Add a floorplan'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(mutation.error)} />
          <TextInput label="Floorplan name" placeholder="2 bed / 2 bath" withAsterisk {...form.getInputProps('name')} />
          <Group grow>
            <NumberInput label="Bedrooms" min={0} max={20} allowDecimal={false} {...form.getInputProps('bedrooms')} />
            <NumberInput
              label="Bathrooms"
              min={0}
              max={20}
              step={0.5}
              decimalScale={1}
              {...form.getInputProps('bathrooms')}
            />
          </Group>
          <NumberInput
            label="Square feet"
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            {...form.getInputProps('squareFeet')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Save floorplan
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function FloorplanPricelistModal({ floorplan, onClose }: { floorplan: Floorplan; onClose: () => void }) {
  const pricelist = useFloorplanPrices(floorplan.id);
  const save = useSetFloorplanPrices();
  const inputs = usePriceInputs();

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new server copy resets the inputs
  useEffect(() => {
    if (pricelist.data)
      inputs.setPrices(
        Object.fromEntries(pricelist.data.items.map((item) => [item.id, centsToDollars(item.priceCents)])),
      );
  }, [pricelist.data]);

  const items = pricelist.data?.items ?? [];
  const fillSuggested = () =>
    inputs.setPrices((current) =>
      Object.fromEntries(
        items.map((item) => [
          item.id,
          current[item.id] === '' || current[item.id] === undefined
            ? centsToDollars(item.suggestedPriceCents)
            : current[item.id]!,
        ]),
      ),
    );
  const submit = () => {
    const prices = inputs.entries();
    inputs.setRowErrors({});
    save.mutate(
      { floorplanId: floorplan.id, prices, version: pricelist.data?.floorplan.version ?? floorplan.version },
      {
        onSuccess: () => {
          notifySaved(`The pricelist of ${floorplan.name} is saved.`);
          onClose();
        },
        onError: (error) => inputs.showErrors(error, prices),
      },
    );
  };

  const section = (kind: 'standard' | 'add_on', title: string) => (
    <>
      <Table.Tr>
        <Table.Td colSpan={4}>
          <Text fw={600} size="sm">
            {title}
          </Text>
        </Table.Td>
      </Table.Tr>
      {items.filter((item) => item.kind === kind).length === 0 ? (
        <EmptyRow colSpan={4}>None offered at this property.</EmptyRow>
      ) : null}
      {items
        .filter((item) => item.kind === kind)
        .map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>{item.name}</Table.Td>
            <Table.Td>
              <ProviderBadge value={item.providerCategory} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {formatCents(item.suggestedPriceCents)}
              </Text>
            </Table.Td>
            <Table.Td>
              <NumberInput
                aria-label={`Price of ${item.name}`}
                prefix="$"
                decimalScale={2}
                thousandSeparator=","
                hideControls
                placeholder="Not offered"
                value={inputs.prices[item.id] ?? ''}
                error={inputs.rowErrors[item.id]}
                onChange={(value) => inputs.setPrices((current) => ({ ...current, [item.id]: value }))}
              />
            </Table.Td>
          </Table.Tr>
        ))}
    </>
  );

  return (
    <Modal opened onClose={onClose} title={`Pricelist: ${floorplan.name}`} size="xl" centered>
      <Stack>
        <Text size="sm" c="dimmed">
          Saving replaces the whole pricelist; if any price is invalid, nothing is saved. Empty prices are not offered
          for this floorplan.
        </Text>
        <ErrorAlert error={pricelist.error ?? formLevelError(save.error)} />
        {pricelist.isPending ? (
          <Loader size="sm" />
        ) : (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>Performed by</Table.Th>
                <Table.Th>Account price</Table.Th>
                <Table.Th w={180}>Floorplan price (USD)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {section('standard', 'Standard services')}
              {section('add_on', 'Add-ons')}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="space-between">
          <Button variant="subtle" onClick={fillSuggested}>
            Fill empty prices from account prices
          </Button>
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <RequiresPermission permission="customerSetup">
              <Button onClick={submit} loading={save.isPending}>
                Save pricelist
              </Button>
            </RequiresPermission>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
