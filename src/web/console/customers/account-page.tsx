import type { ReactElement } from 'react';
import { Badge, Button, Card, Center, Group, Loader, Menu, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { IconChevronDown } from '@tabler/icons-react';
import type { Account, AccountStatus } from '../../../shared/customer-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { useDocumentTitle } from '../../ui/document-title.ts';
import { accountCatalogTabs } from '../catalog/account-catalog-tabs.tsx';
import { accountOnboardingTabs } from '../onboarding/onboarding-tab.tsx';
import { accountPortalAccessTabs } from '../portal-access/account-portal-access-tab.tsx';
import { accountRegistrationTabs } from '../registration/account-registration-tab.tsx';
import { accountTurnsTabs } from '../turns/account-turns-tab.tsx';
import { AccountActivityTab } from './account-activity-tab.tsx';
import { AccountContactsTab } from './account-contacts-tab.tsx';
import {
  KIND_LABELS,
  ONBOARDING_STATE_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
  STATUS_OPTIONS,
} from './account-labels.ts';
import { AccountOverviewTab } from './account-overview-tab.tsx';
import { AccountPropertiesTab } from './account-properties-tab.tsx';
import type { AccountTab } from './account-tab.ts';
import { accountQuery, useSetAccountPortalAccess, useSetAccountStatus } from './customers-api.ts';
import { RequiresPermission } from '../session/staff-permission.tsx';

const routeApi = getRouteApi('/console/customers/$accountId');

const OWN_TABS: AccountTab[] = [
  { value: 'overview', label: 'Overview', component: AccountOverviewTab },
  { value: 'contacts', label: 'Contacts', component: AccountContactsTab },
  { value: 'properties', label: 'Properties', kinds: ['management_company'], component: AccountPropertiesTab },
  { value: 'activity', label: 'Activity', component: AccountActivityTab },
];

function AccountHeader({ account }: { account: Account }) {
  const setStatus = useSetAccountStatus(account.id);
  const setPortalAccess = useSetAccountPortalAccess(account.id);
  const changeStatus = (status: AccountStatus) =>
    setStatus.mutate(status, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: 'Status changed',
          message: `${account.name} is now ${STATUS_LABELS[status].toLowerCase()}.`,
        }),
      onError: (error) => notifications.show({ color: 'red', title: 'Status not changed', message: error.message }),
    });
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {account.name}
            </Title>
            <Badge color={STATUS_COLORS[account.status]} variant="light" size="lg">
              {STATUS_LABELS[account.status]}
            </Badge>
            {account.onboardingState === 'not_started' ? null : (
              <Badge color={account.onboardingState === 'complete' ? 'teal' : 'yellow'} variant="outline" size="lg">
                {ONBOARDING_STATE_LABELS[account.onboardingState]}
                {account.onboardCompletedAt ? ` ${new Date(account.onboardCompletedAt).toLocaleDateString()}` : ''}
              </Badge>
            )}
          </Group>
          <Group gap="md">
            <Text c="dimmed" size="sm">
              Account number{' '}
              <Text span ff="monospace" c="dark" fw={600}>
                {account.accountNumber}
              </Text>
            </Text>
            <Text c="dimmed" size="sm">
              {KIND_LABELS[account.kind]}
            </Text>
            {account.parentAccount ? (
              <Text c="dimmed" size="sm">
                Part of{' '}
                <AnchorLink
                  to="/console/customers/$accountId"
                  params={{ accountId: account.parentAccount.id }}
                  search={{}}
                >
                  {account.parentAccount.name}
                </AnchorLink>
              </Text>
            ) : null}
          </Group>
        </Stack>
        <Group>
          <RequiresPermission permission="customerSetup">
            <Switch
              label="Activate portal access"
              checked={account.portalAccessEnabled}
              disabled={setPortalAccess.isPending}
              onChange={(event) => {
                const enabled = event.currentTarget.checked;
                setPortalAccess.mutate(enabled, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      title: enabled ? 'Portal access activated' : 'Portal access deactivated',
                      message: account.name,
                    }),
                  onError: (error) =>
                    notifications.show({ color: 'red', title: 'Portal access not changed', message: error.message }),
                });
              }}
            />
          </RequiresPermission>
          <Menu position="bottom-end">
            <Menu.Target>
              <RequiresPermission permission="customerSetup">
                <Button variant="default" rightSection={<IconChevronDown size={14} />} loading={setStatus.isPending}>
                  Set status
                </Button>
              </RequiresPermission>
            </Menu.Target>
            <Menu.Dropdown>
              {STATUS_OPTIONS.map((option) => (
                <Menu.Item
                  key={option.value}
                  disabled={option.value === account.status}
                  onClick={() => changeStatus(option.value)}
                >
                  {option.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
    </Card>
  );
}

/** The staff account page: header with the switches, then tabs (features add their own through AccountTab lists). */
export function AccountPage(): ReactElement {
  const { accountId } = routeApi.useParams();
  const { tab } = routeApi.useSearch();
  const navigate = useNavigate();
  const account = useQuery(accountQuery(accountId));
  useDocumentTitle(account.data?.name);

  if (account.isPending)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  if (account.error) return <ErrorAlert error={account.error} title="This account could not be loaded" />;

  const tabs = [
    ...OWN_TABS,
    ...accountOnboardingTabs,
    ...accountCatalogTabs,
    ...accountPortalAccessTabs,
    ...accountRegistrationTabs,
    ...accountTurnsTabs,
  ].filter((candidate) => !candidate.kinds || candidate.kinds.includes(account.data.kind));
  const active = tabs.some((candidate) => candidate.value === tab) ? tab! : 'overview';
  return (
    <Stack gap="lg">
      <AccountHeader account={account.data} />
      <Tabs
        value={active}
        onChange={(value) =>
          void navigate({
            to: '/console/customers/$accountId',
            params: { accountId },
            search: { tab: value ?? 'overview' },
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List className="tabs-one-row">
          {tabs.map((candidate) => (
            <Tabs.Tab key={candidate.value} value={candidate.value}>
              {candidate.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((candidate) => (
          <Tabs.Panel key={candidate.value} value={candidate.value} pt="lg">
            <candidate.component accountId={accountId} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
