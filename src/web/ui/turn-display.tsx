import { Badge } from '@mantine/core';
import dayjs from 'dayjs';
import { SERVICE_LINE_STATUS_LABELS, type ServiceLineStatus } from '../../shared/turn-contracts.ts';

export const STATUS_COLORS: Record<ServiceLineStatus, string> = {
  pending: 'gray',
  scheduled: 'blue',
  in_progress: 'yellow',
  completed: 'teal',
  canceled: 'red',
};

export function StatusBadge({ status, size = 'sm' }: { status: ServiceLineStatus; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} size={size} style={{ flexShrink: 0 }}>
      {SERVICE_LINE_STATUS_LABELS[status]}
    </Badge>
  );
}

/** "Jul 1, 2026" for a calendar date; an em dash when there is none. */
export function formatDate(date: string | null): string {
  return date ? dayjs(date).format('MMM D, YYYY') : '—';
}

export function formatShortDate(date: string | null): string {
  return date ? dayjs(date).format('MMM D') : '—';
}

// The card link lives in its own module so pages without turn contracts (and their zod) can use it.
export { CardLink } from './card-link.tsx';
