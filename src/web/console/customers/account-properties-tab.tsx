import { Button, Card, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconBuilding } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { AccountSummaryCells } from './account-cells.tsx';
import { AccountCreateModal } from './account-create-modal.tsx';
import { customerListQuery } from './customers-api.ts';

/** The properties of a management company. */
export function AccountPropertiesTab({ accountId }: { accountId: string }) {
  const [creating, setCreating] = useState(false);
  const properties = useQuery(
    customerListQuery({ parentAccountId: accountId, kind: 'property', sort: 'name', pageSize: 100 }),
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Properties managed by this company.
        </Text>
        <Button leftSection={<IconBuilding size={16} />} onClick={() => setCreating(true)}>
          Add property
        </Button>
      </Group>
      <ErrorAlert error={properties.error} />
      <Card withBorder padding={0}>
        <Table striped verticalSpacing="sm" aria-label="Properties">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Account number</Table.Th>
              <Table.Th>City</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Portal</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {properties.data?.items.map((property) => (
              <Table.Tr key={property.id}>
                <Table.Td>
                  <AnchorLink
                    to="/console/customers/$accountId"
                    params={{ accountId: property.id }}
                    search={{}}
                    fw={600}
                  >
                    {property.name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {property.accountNumber}
                  </Text>
                </Table.Td>
                <AccountSummaryCells account={property} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {properties.isPending ? (
          <Center p="lg">
            <Loader size="sm" />
          </Center>
        ) : null}
        {properties.data && properties.data.items.length === 0 ? (
          <Text c="dimmed" p="md">
            No properties yet. Add the first one.
          </Text>
        ) : null}
      </Card>
      <AccountCreateModal
        kind="property"
        parentAccountId={accountId}
        opened={creating}
        onClose={() => setCreating(false)}
      />
    </Stack>
  );
}
