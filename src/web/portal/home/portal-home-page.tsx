import { Badge, Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useSuspenseQuery } from '@tanstack/react-query';
import { IconBuilding, IconBuildingSkyscraper } from '@tabler/icons-react';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import type { CustomerAccount } from '../../../shared/portal-access-contracts.ts';
import type { PortalProperty } from '../../../shared/turn-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { customerSessionQuery, useCustomerCompanies } from '../session/portal-session.ts';
import { PropertyTurnsLink } from '../turns/property-turns-link.tsx';
import { usePortalPropertyPages } from '../turns/turns-api.ts';

const PropertySearch = lazy(() => import('./property-search.tsx'));

const count = (value: number) => value.toLocaleString('en-US');

/** The portal home: the companies this customer belongs to, then their properties a page at a time. */
export function PortalHomePage() {
  const { data: session } = useSuspenseQuery(customerSessionQuery);
  return (
    <Page
      title={`Welcome, ${session.contact.firstName}`}
      description="Your properties. Pick one to schedule turns and follow their progress."
    >
      <CompanyCards />
      <PropertyCards />
    </Page>
  );
}

function CompanyCards() {
  const companies = useCustomerCompanies();
  const items = companies.data?.pages.flatMap((page) => page.items) ?? [];
  if (!companies.error && items.length === 0) return null;
  return (
    <Stack component="section" aria-labelledby="home-companies" gap="sm">
      <Title order={2} size="h4" id="home-companies">
        Your companies
      </Title>
      <ErrorAlert error={companies.error} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {items.map((company) => (
          <CompanyCard key={company.id} company={company} />
        ))}
      </SimpleGrid>
      {companies.hasNextPage ? (
        <ShowMore loading={companies.isFetchingNextPage} onClick={() => void companies.fetchNextPage()}>
          Show more companies
        </ShowMore>
      ) : null}
    </Stack>
  );
}

/**
 * Property cards with their counts, a page at a time: a management company's contact may see
 * thousands, so the search (name, account number or city) appears once there is more than one page.
 */
function PropertyCards() {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const properties = usePortalPropertyPages(debouncedSearch || undefined);
  const pages = properties.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);
  const total = pages[0]?.total ?? 0;
  const isSearching = debouncedSearch !== '';
  const isPaged = search !== '' || isSearching || pages[0]?.nextCursor != null;

  return (
    <Stack component="section" aria-labelledby="home-properties" gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2} size="h4" id="home-properties">
            Your properties
          </Title>
          {properties.data && isPaged ? (
            <Text size="sm" c="dimmed" aria-live="polite">
              {total === 0
                ? 'No properties match your search'
                : `Showing ${count(items.length)} of ${count(total)} ${isSearching ? 'matching ' : ''}${total === 1 ? 'property' : 'properties'}`}
            </Text>
          ) : null}
        </div>
        {isPaged ? (
          <Suspense fallback={null}>
            <PropertySearch
              value={search}
              onChange={setSearch}
              busy={properties.isFetching && !properties.isFetchingNextPage}
            />
          </Suspense>
        ) : null}
      </Group>
      <ErrorAlert error={properties.error} />
      {properties.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading your properties" />
        </Center>
      ) : null}
      {properties.data && total === 0 && !isPaged ? (
        <Text c="dimmed">No properties are available in your portal yet. Contact us if you expected to see one.</Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {items.map((property) => (
          <PropertyCard key={property.id} property={property} />
        ))}
      </SimpleGrid>
      {properties.hasNextPage ? (
        <ShowMore loading={properties.isFetchingNextPage} onClick={() => void properties.fetchNextPage()}>
          Show more properties
        </ShowMore>
      ) : null}
    </Stack>
  );
}

function PropertyCard({ property }: { property: PortalProperty }) {
  return (
    <AccountCard account={property} icon={IconBuilding} color="cyan" kind="Property">
      <PropertyTurnsLink property={property} />
    </AccountCard>
  );
}

function CompanyCard({ company }: { company: CustomerAccount }) {
  return <AccountCard account={company} icon={IconBuildingSkyscraper} color="grape" kind="Management company" />;
}

/** One account on the home: its name, where it is and its account number; a property adds its turns. */
function AccountCard(props: {
  account: { name: string; city: string | null; region: string | null; accountNumber: string };
  icon: typeof IconBuilding;
  color: string;
  kind: string;
  children?: ReactNode;
}) {
  const { account, icon: Icon } = props;
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-label={account.name}>
      <Stack gap={6}>
        <Icon size={22} stroke={1.5} aria-hidden />
        <Text fw={600}>{account.name}</Text>
        <Text size="sm" c="dimmed">
          {[account.city, account.region].filter(Boolean).join(', ') || '—'}
        </Text>
        <Badge variant="light" color={props.color} w="fit-content">
          {props.kind} · {account.accountNumber}
        </Badge>
        {props.children}
      </Stack>
    </Card>
  );
}

function ShowMore(props: { loading: boolean; onClick: () => void; children: string }) {
  return (
    <Center>
      <Button variant="light" loading={props.loading} onClick={props.onClick}>
        {props.children}
      </Button>
    </Center>
  );
}
