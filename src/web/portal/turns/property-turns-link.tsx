import { Badge, Group } from '@mantine/core';
import type { PortalProperty } from '../../../shared/turn-contracts.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';

/** On a home card: open turns, add-ons awaiting approval, and the way into the property's calendar and board. */
export function PropertyTurnsLink({ property }: { property: PortalProperty }) {
  return (
    <Group gap="xs" mt={4}>
      <Badge variant="light" color="blue">
        {property.openTurnCount} open turn{property.openTurnCount === 1 ? '' : 's'}
      </Badge>
      {property.pendingAddOnCount > 0 ? (
        <Badge variant="filled" color="orange">
          {property.pendingAddOnCount} to approve
        </Badge>
      ) : null}
      <AnchorLink
        to="/portal/properties/$accountId"
        params={{ accountId: property.id }}
        search={{ tab: 'calendar' }}
        size="sm"
        fw={600}
        aria-label={`Open ${property.name}`}
      >
        Calendar & turns →
      </AnchorLink>
    </Group>
  );
}
