import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  BILLING_CYCLE_LABELS,
  BILLING_TYPE_LABELS,
  type BillingProfileSchema,
} from '../../../shared/billing-contracts.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';

type BillingProfile = z.infer<typeof BillingProfileSchema>;

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {value || '—'}
      </Text>
    </div>
  );
}

/** The account's billing profile as confirmed in the onboard (Part 1, billing info); edited there. */
export function BillingProfileCard({ accountId }: { accountId: string }) {
  const billing = useQuery({
    // Under the account's key: an onboard save invalidates it with the rest of the account.
    queryKey: ['account', accountId, 'billing-profile'],
    queryFn: () => api.get<BillingProfile>(`/api/staff/accounts/${accountId}/billing-profile`),
  });
  if (!billing.data) return <ErrorAlert error={billing.error} />;
  const data = billing.data;
  const contact = [[data.contactFirstName, data.contactLastName].filter(Boolean).join(' '), data.contactTitle]
    .filter(Boolean)
    .join(', ');
  const address = [
    data.addressLine1,
    data.addressLine2,
    [data.city, [data.region, data.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '),
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Card withBorder padding="lg" aria-label="Billing profile">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Billing
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Fact label="Management company" value={data.managementCompanyName} />
          <Fact label="Account name" value={data.accountName} />
          <Fact label="Billing contact" value={contact} />
          <Fact label="Phone and email" value={[data.contactPhone, data.contactEmail].filter(Boolean).join('\n')} />
          <Fact label="Billing address" value={address} />
          <Fact label="Billing type" value={data.billingType ? BILLING_TYPE_LABELS[data.billingType] : null} />
          <Fact
            label="Billing cycle"
            value={
              data.billingCycle
                ? `${BILLING_CYCLE_LABELS[data.billingCycle]}${data.billingMarket ? ` (market: ${data.billingMarket})` : ''}`
                : null
            }
          />
        </SimpleGrid>
        {data.updatedAt ? null : (
          <Text size="xs" c="dimmed">
            Not confirmed yet: the PSM fills it in during the onboard (Onboard tab, Part 1).
          </Text>
        )}
      </Stack>
    </Card>
  );
}
