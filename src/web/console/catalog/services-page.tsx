import { Badge, Button, Card, Group, Loader, NumberInput, Switch, Table, Tabs, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { formatCents, type Service } from '../../../shared/catalog-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import {
  centsToDollars,
  dollarsToCents,
  useCreateService,
  useMasterPricelist,
  useServices,
  useSetMasterPrices,
  useUpdateService,
} from './catalog-api.ts';
import { ParentServiceNote, ServiceFormModal } from './catalog-ui.tsx';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { applyFieldErrors, formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { KindBadge, ProviderBadge } from '../../ui/service-badges.tsx';
import { RequiresPermission } from '../session/staff-permission.tsx';

export function ServicesPage() {
  return (
    <Page
      title="Services"
      description="The vendor-wide services catalog and the master pricelist every account starts from."
    >
      <Tabs defaultValue="catalog" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="catalog">Catalog</Tabs.Tab>
          <Tabs.Tab value="pricelist">Master pricelist</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="catalog" pt="md">
          <CatalogPanel />
        </Tabs.Panel>
        <Tabs.Panel value="pricelist" pt="md">
          <MasterPricelistPanel />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}

function CatalogPanel() {
  const [includeInactive, setIncludeInactive] = useState(false);
  const services = useServices(includeInactive);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const create = useCreateService();
  const update = useUpdateService();
  const mutation = editing === 'new' ? create : update;

  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md">
        <Switch
          label="Show inactive services"
          checked={includeInactive}
          onChange={(event) => setIncludeInactive(event.currentTarget.checked)}
        />
        <RequiresPermission permission="customerSetup">
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              create.reset();
              update.reset();
              setEditing('new');
            }}
          >
            Add service
          </Button>
        </RequiresPermission>
      </Group>
      <ErrorAlert error={services.error} />
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th>Code</Table.Th>
            <Table.Th>Performed by</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Days before move-in</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {services.isPending ? (
            <EmptyRow colSpan={6}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {services.data?.items.length === 0 ? (
            <EmptyRow colSpan={6}>
              No services yet. Add the services you perform, and those done in-house or by other vendors.
            </EmptyRow>
          ) : null}
          {services.data?.items.map((service) => (
            <Table.Tr key={service.id}>
              <Table.Td>
                <Group gap="xs">
                  <Text fw={500}>{service.name}</Text>
                  {service.active ? null : (
                    <Badge color="gray" variant="light">
                      Inactive
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {service.code}
                </Text>
              </Table.Td>
              <Table.Td>
                <ProviderBadge value={service.providerCategory} />
              </Table.Td>
              <Table.Td>
                <KindBadge value={service.kind} />
                <ParentServiceNote service={service} services={services.data.items} />
              </Table.Td>
              <Table.Td>{service.defaultDayOffset}</Table.Td>
              <Table.Td>
                <RequiresPermission permission="customerSetup">
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconPencil size={14} />}
                    aria-label={`Edit ${service.name}`}
                    onClick={() => {
                      update.reset();
                      setEditing(service);
                    }}
                  >
                    Edit
                  </Button>
                </RequiresPermission>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? (
        <ServiceFormModal
          opened
          title={editing === 'new' ? 'Add a service' : `Edit ${editing.name}`}
          service={editing === 'new' ? null : editing}
          standardServices={services.data?.items ?? []}
          loading={mutation.isPending}
          error={mutation.error}
          onClose={() => setEditing(null)}
          onSubmit={(body, form) => {
            const options = {
              onSuccess: () => {
                notifySaved(`${body.name} is in the catalog.`);
                setEditing(null);
              },
              onError: (error: unknown) => applyFieldErrors(form, error),
            };
            if (editing === 'new') create.mutate(body, options);
            else update.mutate({ serviceId: editing.id, body }, options);
          }}
        />
      ) : null}
    </Card>
  );
}

function MasterPricelistPanel() {
  const pricelist = useMasterPricelist();
  const save = useSetMasterPrices();
  const [prices, setPrices] = useState<Record<string, number | string>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (pricelist.data)
      setPrices(Object.fromEntries(pricelist.data.items.map((item) => [item.id, centsToDollars(item.priceCents)])));
  }, [pricelist.data]);

  const items = pricelist.data?.items ?? [];
  const submit = () => {
    const entries = items
      .filter((item) => prices[item.id] !== '' && prices[item.id] !== undefined)
      .map((item) => ({ serviceId: item.id, priceCents: dollarsToCents(prices[item.id])! }));
    setRowErrors({});
    save.mutate(
      { prices: entries, version: pricelist.data?.version ?? 1 },
      {
        onSuccess: () => notifySaved('The master pricelist is updated.'),
        onError: (error) => {
          if (error instanceof ApiRequestError) {
            setRowErrors(
              Object.fromEntries(
                error.fields.map((field) => [
                  entries[Number(field.path.split('.')[1])]?.serviceId ?? '',
                  field.message,
                ]),
              ),
            );
          }
        },
      },
    );
  };

  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md">
        <Text size="sm" c="dimmed">
          Default prices for every account. Leave a price empty when the service is not billed (in-house or other
          vendor).
          {pricelist.data?.updatedAt ? ` Last changed ${new Date(pricelist.data.updatedAt).toLocaleString()}.` : ''}
        </Text>
        <Button onClick={submit} loading={save.isPending} disabled={items.length === 0}>
          Save prices
        </Button>
      </Group>
      <ErrorAlert error={pricelist.error ?? formLevelError(save.error)} />
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th>Performed by</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Current</Table.Th>
            <Table.Th w={200}>Price (USD)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pricelist.isPending ? (
            <EmptyRow colSpan={5}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {items.length === 0 && !pricelist.isPending ? (
            <EmptyRow colSpan={5}>Add services to the catalog first.</EmptyRow>
          ) : null}
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{item.name}</Table.Td>
              <Table.Td>
                <ProviderBadge value={item.providerCategory} />
              </Table.Td>
              <Table.Td>
                <KindBadge value={item.kind} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {formatCents(item.priceCents)}
                </Text>
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`Master price for ${item.name}`}
                  prefix="$"
                  decimalScale={2}
                  thousandSeparator=","
                  hideControls
                  value={prices[item.id] ?? ''}
                  error={rowErrors[item.id]}
                  onChange={(value) => setPrices((current) => ({ ...current, [item.id]: value }))}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
