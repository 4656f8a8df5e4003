import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Grid,
  Group,
  List,
  Modal,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { IconCheck, IconCircleDashed, IconEye, IconKey, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Account, OnboardingItem } from '../../../shared/customer-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { StepUpModal } from '../security/step-up-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { formFieldErrors } from './account-labels.ts';
import {
  accountQuery,
  onboardingQuery,
  useRevealPortalKey,
  useRotatePortalKey,
  useSetAccountPortalAccess,
  useSetAccountStatus,
  useSetOnboardingCheck,
  useUpdateAccount,
} from './customers-api.ts';
import { formLevelError } from '../../ui/form-feedback.ts';
import { AccountPlacementFields } from './account-placement-fields.tsx';
import { BillingProfileCard } from './billing-profile-card.tsx';
import { RequiresPermission } from '../session/staff-permission.tsx';

function formValues(account: Account) {
  return {
    name: account.name,
    accountNumber: account.accountNumber,
    parentAccountId: account.parentAccount?.id ?? '',
    addressLine1: account.addressLine1 ?? '',
    addressLine2: account.addressLine2 ?? '',
    city: account.city ?? '',
    region: account.region ?? '',
    postalCode: account.postalCode ?? '',
  };
}

function AccountDetailsForm({ account }: { account: Account }) {
  const update = useUpdateAccount(account.id, account.version);
  const form = useForm({
    initialValues: formValues(account),
    validate: { name: (value) => (value.trim() ? null : 'Enter a name') },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the saved account changes, not on every keystroke
  useEffect(() => {
    form.setValues(formValues(account));
    form.resetDirty(formValues(account));
  }, [account.updatedAt]);
  const submit = form.onSubmit((values) => {
    update.mutate(
      { ...values, parentAccountId: values.parentAccountId || null },
      {
        onSuccess: () => notifications.show({ color: 'teal', title: 'Account saved', message: values.name }),
        onError: (error) => {
          if (error instanceof ApiRequestError) form.setErrors(formFieldErrors(error.fieldErrors()));
        },
      },
    );
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">
            Details
          </Title>
          <ErrorAlert error={formLevelError(update.error)} />
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <TextInput label="Account number" required {...form.getInputProps('accountNumber')} />
          <AccountPlacementFields form={form} isProperty={account.kind === 'property'} />
          <Group justify="flex-end">
            <RequiresPermission permission="customerSetup">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save details
              </Button>
            </RequiresPermission>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PortalKeyCard({ account }: { account: Account }) {
  const [shown, setShown] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const reveal = useRevealPortalKey(account.id);
  const rotate = useRotatePortalKey(account.id);
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group gap="xs">
          <IconKey size={18} />
          <Title order={2} size="h4">
            Portal key
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          Customers register for the portal with the account number and this key. Showing it is recorded in the activity
          log.
        </Text>
        <ErrorAlert error={reveal.error ?? rotate.error} />
        {shown ? (
          <Group gap="xs">
            <Code fz="md" aria-label="Portal key">
              {shown}
            </Code>
            <CopyButton value={shown}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
            <Button size="xs" variant="subtle" onClick={() => setShown(null)}>
              Hide
            </Button>
          </Group>
        ) : null}
        <Group>
          {!shown ? (
            <RequiresPermission permission="customerSetup">
              <Button
                variant="light"
                leftSection={<IconEye size={16} />}
                loading={reveal.isPending}
                disabled={!account.hasPortalKey}
                onClick={() => setRevealing(true)}
              >
                Reveal portal key
              </Button>
            </RequiresPermission>
          ) : null}
          <StepUpModal
            opened={revealing}
            onClose={() => setRevealing(false)}
            title="Reveal the portal key"
            confirmLabel="Reveal"
            onConfirm={async (reason) => setShown((await reveal.mutateAsync(reason)).portalKey)}
          >
            Anyone with the key and the account number can sign up for this account's portal.
          </StepUpModal>
          <RequiresPermission permission="customerSetup">
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setConfirming(true)}>
              Regenerate
            </Button>
          </RequiresPermission>
        </Group>
        {account.portalKeyRotatedAt ? (
          <Text size="xs" c="dimmed">
            Generated {new Date(account.portalKeyRotatedAt).toLocaleString()}
          </Text>
        ) : null}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Regenerate the portal key?">
        <Stack>
          <Text size="sm">
            The current key stops working at once. Letters already sent with it will no longer let customers register.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={rotate.isPending}
              onClick={() =>
                rotate.mutate(undefined, {
                  onSuccess: (result) => {
                    setShown(result.portalKey);
                    setConfirming(false);
                    notifications.show({
                      color: 'teal',
                      title: 'New portal key generated',
                      message: 'The old key no longer works.',
                    });
                  },
                })
              }
            >
              Regenerate key
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function ChecklistItem({ item, accountId }: { item: OnboardingItem; accountId: string }) {
  const setCheck = useSetOnboardingCheck(accountId);
  if (item.source === 'manual') {
    return (
      <Checkbox
        label={item.label}
        checked={item.done}
        disabled={setCheck.isPending}
        description={
          item.done && item.checkedAt
            ? `Checked by ${item.checkedByName ?? 'staff'} on ${new Date(item.checkedAt).toLocaleString()}`
            : undefined
        }
        onChange={(event) => setCheck.mutate({ itemKey: item.key, done: event.currentTarget.checked })}
      />
    );
  }
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon
        size={20}
        radius="xl"
        color={item.done ? 'teal' : 'gray'}
        variant={item.done ? 'filled' : 'light'}
        role="img"
        aria-label={item.done ? 'Done' : 'Not done'}
      >
        {item.done ? <IconCheck size={13} /> : <IconCircleDashed size={13} />}
      </ThemeIcon>
      <div>
        <Text size="sm">{item.label}</Text>
        {!item.done && item.hint ? (
          <Text size="xs" c="dimmed">
            {item.hint}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}

function OnboardingChecklistCard({ accountId }: { accountId: string }) {
  const checklist = useQuery(onboardingQuery(accountId));
  const items = checklist.data?.items ?? [];
  const done = items.filter((item) => item.done).length;
  const before = items.filter((item) => item.phase === 'before');
  const dayOf = items.filter((item) => item.phase === 'day_of');
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Onboarding checklist
          </Title>
          {items.length ? (
            <Badge variant="light" color={done === items.length ? 'teal' : 'blue'}>
              {done} of {items.length} done
            </Badge>
          ) : null}
        </Group>
        <ErrorAlert error={checklist.error} />
        <Text size="sm" fw={600}>
          Before the day of onboard
        </Text>
        {before.map((item) => (
          <ChecklistItem key={item.key} item={item} accountId={accountId} />
        ))}
        {dayOf.length ? (
          <Text size="sm" fw={600} mt="xs">
            Day of onboard (about 30 minutes before)
          </Text>
        ) : null}
        {dayOf.map((item) => (
          <ChecklistItem key={item.key} item={item} accountId={accountId} />
        ))}
      </Stack>
    </Card>
  );
}

/** The common troubleshooting steps for portal access, each with its action one click away. */
function TroubleshootingCard({ account }: { account: Account }) {
  const setStatus = useSetAccountStatus(account.id);
  const setPortalAccess = useSetAccountPortalAccess(account.id);
  const [cycling, setCycling] = useState(false);
  const [confirmCycle, setConfirmCycle] = useState(false);
  const cyclePortalAccess = async () => {
    setCycling(true);
    try {
      if (account.portalAccessEnabled) await setPortalAccess.mutateAsync(false);
      await setPortalAccess.mutateAsync(true);
      notifications.show({ color: 'teal', title: 'Portal access reactivated', message: account.name });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Portal access not reactivated',
        message: error instanceof Error ? error.message : 'Try again.',
      });
    } finally {
      setCycling(false);
      setConfirmCycle(false);
    }
  };
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Troubleshooting
        </Title>
        <Text size="sm" fw={600}>
          Floorplans or add-ons not showing in the portal
        </Text>
        <List size="sm" type="ordered" spacing={6}>
          <List.Item>
            Check the pricelist is created for the account (
            <AnchorLink
              to="/console/customers/$accountId"
              params={{ accountId: account.id }}
              search={{ tab: 'pricing' }}
            >
              pricing
            </AnchorLink>
            ).
          </List.Item>
          <List.Item>
            Set the account status to current.{' '}
            {account.status === 'current' ? (
              <Badge size="sm" color="teal" variant="light">
                Already current
              </Badge>
            ) : (
              <RequiresPermission permission="customerSetup">
                <Button
                  size="compact-xs"
                  variant="light"
                  loading={setStatus.isPending}
                  onClick={() => setStatus.mutate('current')}
                >
                  Set status to current
                </Button>
              </RequiresPermission>
            )}
          </List.Item>
          <List.Item>
            Deactivate then reactivate portal access on the account.{' '}
            <RequiresPermission permission="customerSetup">
              <Button size="compact-xs" variant="light" loading={cycling} onClick={() => setConfirmCycle(true)}>
                Deactivate then reactivate
              </Button>
            </RequiresPermission>
          </List.Item>
        </List>
        <Text size="sm" fw={600}>
          Password reset issue
        </Text>
        <List size="sm" type="ordered" spacing={6}>
          <List.Item>
            Check the email on the contact record is correct (
            <AnchorLink
              to="/console/customers/$accountId"
              params={{ accountId: account.id }}
              search={{ tab: 'contacts' }}
            >
              contacts
            </AnchorLink>
            ).
          </List.Item>
          <List.Item>Ask the customer to check their junk or spam folder.</List.Item>
          <List.Item>Ask whether the management company needs to approve the email sender.</List.Item>
          <List.Item>
            Deactivate then reactivate their access on the contact page, then trigger a password reset again.
          </List.Item>
        </List>
        <Text size="sm" fw={600}>
          Error warning at the top of the portal page
        </Text>
        <Text size="sm">
          Reach out to Tech with the account number <Code>{account.accountNumber}</Code>.
        </Text>
      </Stack>
      <Modal
        opened={confirmCycle}
        onClose={() => setConfirmCycle(false)}
        title="Deactivate then reactivate portal access?"
      >
        <Stack>
          <Alert color="yellow" variant="light">
            Customers signed in to the portal for this account are signed out while access is off.
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCycle(false)}>
              Cancel
            </Button>
            <Button loading={cycling} onClick={() => void cyclePortalAccess()}>
              Deactivate and reactivate
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

export function AccountOverviewTab({ accountId }: { accountId: string }) {
  const account = useQuery(accountQuery(accountId));
  if (!account.data) return <ErrorAlert error={account.error} />;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="lg">
          <AccountDetailsForm account={account.data} />
          <PortalKeyCard account={account.data} />
          <BillingProfileCard accountId={accountId} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="lg">
          <OnboardingChecklistCard accountId={accountId} />
          <TroubleshootingCard account={account.data} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
