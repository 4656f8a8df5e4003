import { Badge, Group } from '@mantine/core';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { usePortalProperties } from './turns-api.ts';

/** On a home card: open turns, add-ons awaiting approval, and the way into the property's calendar and board. */
export function PropertyTurnsLink({ accountId, name }: { accountId: string; name: string }) {
  const properties = usePortalProperties();
  const property = properties.data?.items.find((candidate) => candidate.id === accountId);
  return (
    <Group gap="xs" mt={4}>
      {property ? (
        <Badge variant="light" color="blue">
          {property.openTurnCount} open turn{property.openTurnCount === 1 ? '' : 's'}
        </Badge>
      ) : null}
      {property && property.pendingAddOnCount > 0 ? (
        <Badge variant="filled" color="orange">
          {property.pendingAddOnCount} to approve
        </Badge>
      ) : null}
      <AnchorLink
        to="/portal/properties/$accountId"
        params={{ accountId }}
        search={{ tab: 'calendar' }}
        size="sm"
        fw={600}
        aria-label={`Open ${name}`}
      >
        Calendar & turns →
      </AnchorLink>
    </Group>
  );
}
