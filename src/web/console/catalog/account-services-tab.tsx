import { Button, Card, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconGripVertical, IconPlus } from '@tabler/icons-react';
import { useEffect, useState, type DragEvent } from 'react';
import type { Service } from '../../../shared/catalog-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useAccountServices, useCreateAccountService, useReorderAccountServices } from './catalog-api.ts';
import { ParentServiceNote, ServiceFormModal } from './catalog-ui.tsx';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { applyFieldErrors, notifySaved } from '../../ui/form-feedback.ts';
import { KindBadge, ProviderBadge } from '../../ui/service-badges.tsx';
import { SetupStatusAlert } from './setup-status-alert.tsx';
import { MoveButtons } from '../../ui/move-buttons.tsx';
import { RequiresPermission } from '../session/staff-permission.tsx';

/** Moves one item to another index; the order the account's customers see their services in. */
function moved<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function AccountServicesTab({ accountId }: { accountId: string }) {
  const services = useAccountServices(accountId);
  const reorder = useReorderAccountServices(accountId);
  const create = useCreateAccountService(accountId);
  const [order, setOrder] = useState<Service[]>([]);
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    if (services.data) setOrder(services.data.items);
  }, [services.data]);

  // Each move saves at once; on failure the list snaps back to the server's order.
  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length || from === to) return;
    const next = moved(order, from, to);
    setOrder(next);
    reorder.mutate(
      next.map((service) => service.id),
      {
        onError: () => setOrder(services.data?.items ?? []),
      },
    );
  };

  const onDrop = (event: DragEvent, index: number) => {
    event.preventDefault();
    if (dragIndex !== null) move(dragIndex, index);
    setDragIndex(null);
  };

  return (
    <Stack>
      <SetupStatusAlert accountId={accountId} />
      <Card withBorder padding={0}>
        <Group justify="space-between" p="md">
          <Text size="sm" c="dimmed">
            The services this account orders, in the order its portal shows them. Drag a row or use the arrows to
            reorder.
          </Text>
          <RequiresPermission permission="customerSetup">
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                create.reset();
                setAdding(true);
              }}
            >
              Add custom service
            </Button>
          </RequiresPermission>
        </Group>
        <ErrorAlert error={services.error ?? reorder.error} />
        <Table verticalSpacing="xs" aria-label="Services in order">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40} />
              <Table.Th>Service</Table.Th>
              <Table.Th>Performed by</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Days before move-in</Table.Th>
              <Table.Th w={90}>Order</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.isPending ? (
              <EmptyRow colSpan={6}>
                <Loader size="sm" />
              </EmptyRow>
            ) : null}
            {services.data && order.length === 0 ? (
              <EmptyRow colSpan={6}>
                No services yet. Add services to the catalog, or a custom service for this account.
              </EmptyRow>
            ) : null}
            {order.map((service, index) => (
              <Table.Tr
                key={service.id}
                draggable
                onDragStart={() => setDragIndex(index)}
                onDragOver={(event) => event.preventDefault()}
                onDrop={(event) => onDrop(event, index)}
                onDragEnd={() => setDragIndex(null)}
                style={{ opacity: dragIndex === index ? 0.5 : 1, cursor: 'grab' }}
              >
                <Table.Td>
                  <IconGripVertical size={16} color="var(--mantine-color-dimmed)" aria-hidden />
                </Table.Td>
                <Table.Td>
                  <Text fw={500}>{service.name}</Text>
                  {service.accountId ? (
                    <Text size="xs" c="dimmed">
                      Custom service of this account
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <ProviderBadge value={service.providerCategory} />
                </Table.Td>
                <Table.Td>
                  <KindBadge value={service.kind} />
                  <ParentServiceNote service={service} services={order} />
                </Table.Td>
                <Table.Td>{service.defaultDayOffset}</Table.Td>
                <Table.Td>
                  <MoveButtons name={service.name} index={index} count={order.length} onMove={move} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {adding ? (
        <ServiceFormModal
          opened
          title="Add a custom service"
          standardServices={order}
          loading={create.isPending}
          error={create.error}
          onClose={() => setAdding(false)}
          onSubmit={(body, form) =>
            create.mutate(body, {
              onSuccess: () => {
                notifySaved(`${body.name} is offered to this account.`);
                setAdding(false);
              },
              onError: (error) => applyFieldErrors(form, error),
            })
          }
        />
      ) : null}
    </Stack>
  );
}
