import { Badge } from '@mantine/core';
import {
  PROVIDER_CATEGORY_LABELS,
  SERVICE_KIND_LABELS,
  type ProviderCategory,
  type ServiceKind,
} from '../../shared/catalog-contracts.ts';

const PROVIDER_COLORS: Record<ProviderCategory, string> = {
  rent_ready: 'cyan',
  in_house: 'grape',
  other_vendor: 'orange',
};

/** Who performs a service: us ("Rent Ready"), the property's own team, or another vendor. */
export function ProviderBadge({ value }: { value: ProviderCategory }) {
  return (
    <Badge variant="light" color={PROVIDER_COLORS[value]}>
      {PROVIDER_CATEGORY_LABELS[value]}
    </Badge>
  );
}

export function KindBadge({ value }: { value: ServiceKind }) {
  return (
    <Badge variant="outline" color={value === 'standard' ? 'blue' : 'gray'}>
      {SERVICE_KIND_LABELS[value]}
    </Badge>
  );
}
