import { Badge } from '@mantine/core';
import type { Assignment } from '../../shared/field-contracts.ts';

// The portal's words for a service's status; kept here because the contracts module carries zod, which
// would push the pro page's first load past its budget.
const LABELS: Record<Assignment['status'], [label: string, color: string]> = {
  pending: ['Pending', 'gray'],
  scheduled: ['Scheduled', 'blue'],
  in_progress: ['In progress', 'yellow'],
  completed: ['Completed', 'teal'],
  canceled: ['Canceled', 'red'],
};

export function ProStatusBadge({ status, size = 'sm' }: { status: Assignment['status']; size?: 'sm' | 'md' }) {
  const [label, color] = LABELS[status];
  return (
    <Badge variant="light" color={color} size={size} style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}
