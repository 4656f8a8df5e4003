import { Button, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  BILLING_CYCLE_LABELS,
  BILLING_TYPE_LABELS,
  BillingCycleSchema,
  BillingTypeSchema,
} from '../../../shared/billing-contracts.ts';
import type { OnboardingAnswer } from '../../../shared/onboarding-contracts.ts';

const TEXT_FIELDS = [
  ['contactFirstName', 'Billing contact first name'],
  ['contactLastName', 'Last name'],
  ['contactTitle', 'Title'],
  ['contactPhone', 'Number'],
  ['contactEmail', 'Email'],
  ['addressLine1', 'Billing address'],
  ['addressLine2', 'Address line 2'],
  ['city', 'City'],
  ['region', 'State'],
  ['postalCode', 'ZIP'],
  ['billingMarket', 'Market the billing cycle follows'],
] as const;

type Billing = Record<string, string | null>;

/** The billing profile is one answer: edited together, saved with one click (it is stored on the account). */
export function BillingAnswer({
  answer,
  error,
  onSave,
}: {
  answer: OnboardingAnswer;
  error: string | null;
  onSave: (value: unknown) => void;
}) {
  const savedJson = JSON.stringify(answer.value ?? {});
  const saved = JSON.parse(savedJson) as Billing;
  const [draft, setDraft] = useState<Billing>(saved);
  // Follows the server copy (another PSM's save, a reload) whenever its content changes.
  useEffect(() => setDraft(JSON.parse(savedJson) as Billing), [savedJson]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const set = (key: string, value: string | null) => setDraft({ ...draft, [key]: value });
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {answer.label}
      </Text>
      <Grid gap="xs">
        {TEXT_FIELDS.map(([key, label]) => (
          <Grid.Col key={key} span={{ base: 12, sm: 6 }}>
            <TextInput
              label={label}
              value={draft[key] ?? ''}
              onChange={(event) => set(key, event.currentTarget.value)}
            />
          </Grid.Col>
        ))}
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label="Billing type"
            data={BillingTypeSchema.options.map((value) => ({ value, label: BILLING_TYPE_LABELS[value] }))}
            value={draft.billingType ?? null}
            onChange={(value) => set('billingType', value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label="Billing cycle"
            data={BillingCycleSchema.options.map((value) => ({ value, label: BILLING_CYCLE_LABELS[value] }))}
            value={draft.billingCycle ?? null}
            onChange={(value) => set('billingCycle', value)}
          />
        </Grid.Col>
      </Grid>
      {error ? (
        <Text size="xs" c="red">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button size="xs" disabled={!dirty && answer.answered} onClick={() => onSave(draft)}>
          Save billing info
        </Button>
      </Group>
    </Stack>
  );
}
