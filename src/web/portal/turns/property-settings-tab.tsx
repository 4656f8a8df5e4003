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
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Service } from '../../../shared/catalog-contracts.ts';
import { formatCents, type PortalProperty } from '../../../shared/turn-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { applyFieldErrors, formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { ProviderBadge } from '../../ui/service-badges.tsx';
import { MoveButtons } from '../../ui/move-buttons.tsx';
import {
  useCreateCustomService,
  useFloorplanPricelist,
  usePropertyFloorplans,
  usePropertyServices,
  usePropertyUnits,
  usePropertyUsers,
  useReorderServices,
  useUpdateAddress,
} from './turns-api.ts';

/** Property settings: setup services, floorplans with pricelists, units, address and users. */
export function PropertySettingsTab({ property }: { property: PortalProperty }) {
  return (
    <Tabs defaultValue="services" variant="pills" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="services">Setup services</Tabs.Tab>
        <Tabs.Tab value="floorplans">Floorplans</Tabs.Tab>
        <Tabs.Tab value="units">Units</Tabs.Tab>
        <Tabs.Tab value="address">Address</Tabs.Tab>
        <Tabs.Tab value="users">Users</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="services">
        <SetupServices accountId={property.id} />
      </Tabs.Panel>
      <Tabs.Panel value="floorplans">
        <Floorplans accountId={property.id} />
      </Tabs.Panel>
      <Tabs.Panel value="units">
        <Units accountId={property.id} />
      </Tabs.Panel>
      <Tabs.Panel value="address">
        <Address property={property} />
      </Tabs.Panel>
      <Tabs.Panel value="users">
        <Users accountId={property.id} />
      </Tabs.Panel>
    </Tabs>
  );
}

function SetupServices({ accountId }: { accountId: string }) {
  const services = usePropertyServices(accountId);
  const reorder = useReorderServices(accountId);
  const [order, setOrder] = useState<Service[]>([]);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    if (services.data) setOrder(services.data.items);
  }, [services.data]);

  // Each move saves at once; on failure the list snaps back to the saved order.
  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    setOrder(next);
    reorder.mutate(
      next.map((service) => service.id),
      { onError: () => setOrder(services.data?.items ?? []) },
    );
  };

  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md">
        <Text size="sm" c="dimmed">
          What we provide (Rent Ready), what you do in-house and what other vendors do, in the order your turns list
          them.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          Add custom service
        </Button>
      </Group>
      <ErrorAlert error={services.error ?? reorder.error} />
      <Table className="cards-on-phone" verticalSpacing="xs" aria-label="Setup services">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th>Performed by</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Days before move-in</Table.Th>
            <Table.Th w={90}>Order</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {services.isPending ? (
            <EmptyRow colSpan={5}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {services.data?.items.length === 0 ? <EmptyRow colSpan={5}>No services yet.</EmptyRow> : null}
          {order.map((service, index) => (
            <Table.Tr key={service.id}>
              <Table.Td data-label="Service">
                <Text fw={500} size="sm">
                  {service.name}
                </Text>
              </Table.Td>
              <Table.Td data-label="Performed by">
                <ProviderBadge value={service.providerCategory} />
              </Table.Td>
              <Table.Td data-label="Kind">
                <Badge variant="outline" color={service.kind === 'standard' ? 'blue' : 'gray'}>
                  {service.kind === 'standard' ? 'Service' : 'Add-on'}
                </Badge>
              </Table.Td>
              <Table.Td data-label="Days before move-in">{service.defaultDayOffset}</Table.Td>
              <Table.Td data-label="Order">
                <MoveButtons name={service.name} index={index} count={order.length} onMove={move} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding ? <CustomServiceModal accountId={accountId} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

function CustomServiceModal({ accountId, onClose }: { accountId: string; onClose: () => void }) {
  const create = useCreateCustomService(accountId);
  const form = useForm({
    initialValues: {
      name: '',
      providerCategory: 'in_house' as 'in_house' | 'other_vendor',
      defaultDayOffset: 1 as number | string,
    },
    validate: { name: (value) => (value.trim() ? null : 'Enter a name') },
  });
  const submit = form.onSubmit((values) =>
    create.mutate(
      { ...values, defaultDayOffset: Number(values.defaultDayOffset) },
      {
        onSuccess: () => {
          notifySaved(`${values.name} was added to your services.`);
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title="Add a custom service" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(create.error)} />
          <TextInput label="Name" withAsterisk placeholder="Blinds replacement" {...form.getInputProps('name')} />
          <Select
            label="Performed by"
            data={[
              { value: 'in_house', label: 'In-House' },
              { value: 'other_vendor', label: 'Other Vendor' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('providerCategory')}
          />
          <NumberInput
            label="Days before move-in"
            description="Used to fill in its date on new turns"
            min={0}
            max={60}
            {...form.getInputProps('defaultDayOffset')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add service
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Floorplans({ accountId }: { accountId: string }) {
  const floorplans = usePropertyFloorplans(accountId);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card withBorder padding={0}>
      <Text size="sm" c="dimmed" p="md">
        Your floorplans. Open a pricelist to see the price of each standard service and add-on.
      </Text>
      <ErrorAlert error={floorplans.error} />
      <Table className="cards-on-phone" verticalSpacing="xs" aria-label="Floorplans">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Floorplan</Table.Th>
            <Table.Th>Beds / baths</Table.Th>
            <Table.Th>Sq ft</Table.Th>
            <Table.Th>Units</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {floorplans.isPending ? (
            <EmptyRow colSpan={5}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {floorplans.data?.items.length === 0 ? (
            <EmptyRow colSpan={5}>No floorplans yet. We add them during onboarding.</EmptyRow>
          ) : null}
          {floorplans.data?.items.map((floorplan) => (
            <Table.Tr key={floorplan.id}>
              <Table.Td data-label="Floorplan">
                <Text fw={500} size="sm">
                  {floorplan.name}
                </Text>
              </Table.Td>
              <Table.Td data-label="Beds / baths">
                {floorplan.bedrooms} / {floorplan.bathrooms}
              </Table.Td>
              <Table.Td data-label="Sq ft">{floorplan.squareFeet ?? '—'}</Table.Td>
              <Table.Td data-label="Units">{floorplan.unitCount}</Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="light" onClick={() => setOpen(floorplan.id)}>
                  Pricelist
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open ? <PricelistModal floorplanId={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function PricelistModal({ floorplanId, onClose }: { floorplanId: string; onClose: () => void }) {
  const pricelist = useFloorplanPricelist(floorplanId);
  const items = pricelist.data?.items ?? [];
  return (
    <Modal
      opened
      onClose={onClose}
      title={pricelist.data ? `Pricelist: ${pricelist.data.floorplan.name}` : 'Pricelist'}
      size="lg"
      centered
    >
      <ErrorAlert error={pricelist.error} />
      {pricelist.isPending ? <Loader size="sm" /> : null}
      {(['standard', 'add_on'] as const).map((kind) => (
        <Table
          key={kind}
          className="cards-on-phone"
          verticalSpacing={4}
          mb="md"
          aria-label={kind === 'standard' ? 'Standard services' : 'Add-ons'}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{kind === 'standard' ? 'Standard services' : 'Add-ons'}</Table.Th>
              <Table.Th>Performed by</Table.Th>
              <Table.Th ta="right">Price</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items
              .filter((item) => item.kind === kind)
              .map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td fw={500}>{item.name}</Table.Td>
                  <Table.Td data-label="Performed by">
                    <ProviderBadge value={item.providerCategory} />
                  </Table.Td>
                  <Table.Td data-label="Price" ta="right">
                    {formatCents(item.priceCents ?? item.suggestedPriceCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      ))}
    </Modal>
  );
}

function Units({ accountId }: { accountId: string }) {
  const units = usePropertyUnits(accountId);
  return (
    <Card withBorder padding={0}>
      <Text size="sm" c="dimmed" p="md">
        {units.data ? `${units.data.items.length} units` : 'Units'} we know at this property, with their floorplan.
      </Text>
      <ErrorAlert error={units.error} />
      <Table className="cards-on-phone" verticalSpacing="xs" striped aria-label="Units">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Floorplan</Table.Th>
            <Table.Th>Notes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.isPending ? (
            <EmptyRow colSpan={3}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {units.data?.items.length === 0 ? <EmptyRow colSpan={3}>No units yet.</EmptyRow> : null}
          {units.data?.items.map((unit) => (
            <Table.Tr key={unit.id}>
              <Table.Td data-label="Unit" fw={500}>
                {unit.number}
              </Table.Td>
              <Table.Td data-label="Floorplan">{unit.floorplanName ?? '—'}</Table.Td>
              <Table.Td data-label="Notes">{unit.notes ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Address({ property }: { property: PortalProperty }) {
  const update = useUpdateAddress(property.id);
  const form = useForm({
    initialValues: {
      addressLine1: property.addressLine1 ?? '',
      addressLine2: property.addressLine2 ?? '',
      city: property.city ?? '',
      region: property.region ?? '',
      postalCode: property.postalCode ?? '',
    },
  });
  const submit = form.onSubmit((values) =>
    update.mutate(values, {
      onSuccess: () => notifySaved('The address is saved.'),
      onError: (error) => applyFieldErrors(form, error),
    }),
  );
  return (
    <Card withBorder maw={560}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(update.error)} />
          <TextInput label="Street address" withAsterisk {...form.getInputProps('addressLine1')} />
          <TextInput label="Address line 2" {...form.getInputProps('addressLine2')} />
          <Group grow>
            <TextInput label="City" withAsterisk {...form.getInputProps('city')} />
            <TextInput label="State" withAsterisk {...form.getInputProps('region')} />
            <TextInput label="ZIP code" withAsterisk {...form.getInputProps('postalCode')} />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save address
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Users({ accountId }: { accountId: string }) {
  const users = usePropertyUsers(accountId);
  return (
    <Card withBorder padding={0}>
      <Text size="sm" c="dimmed" p="md">
        Everyone with portal access to this property. Ask us to add or remove someone.
      </Text>
      <ErrorAlert error={users.error} />
      <Table className="cards-on-phone" verticalSpacing="xs" aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.isPending ? (
            <EmptyRow colSpan={4}>
              <Loader size="sm" />
            </EmptyRow>
          ) : null}
          {users.data?.items.length === 0 ? <EmptyRow colSpan={4}>No one has portal access yet.</EmptyRow> : null}
          {users.data?.items.map((user) => (
            <Table.Tr key={user.contactId}>
              <Table.Td data-label="Name" fw={500}>
                {user.name}
              </Table.Td>
              <Table.Td data-label="Title">{user.title ?? ''}</Table.Td>
              <Table.Td data-label="Email">{user.emails.join(', ')}</Table.Td>
              <Table.Td>
                {user.isMainApprover ? (
                  <Badge color="orange" variant="light">
                    Approves add-ons
                  </Badge>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
