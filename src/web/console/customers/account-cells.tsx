import { Badge, Table, Text } from '@mantine/core';
import type { AccountStatus } from '../../../shared/customer-contracts.ts';
import { STATUS_COLORS, STATUS_LABELS } from './account-labels.ts';

/** The location, status and portal-access cells every list of accounts ends with. */
export function AccountSummaryCells({
  account,
}: {
  account: { city: string | null; region: string | null; status: AccountStatus; portalAccessEnabled: boolean };
}) {
  return (
    <>
      <Table.Td>
        <Text size="sm">{[account.city, account.region].filter(Boolean).join(', ') || '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[account.status]} variant="light">
          {STATUS_LABELS[account.status]}
        </Badge>
      </Table.Td>
      <Table.Td>
        {account.portalAccessEnabled ? (
          <Badge color="cyan" variant="dot">
            Active
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            Off
          </Text>
        )}
      </Table.Td>
    </>
  );
}
