import { ActionIcon, Badge, Box, Card, Group, Loader, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { SERVICE_LINE_STATUS_LABELS } from '../../../shared/turn-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Agenda, MonthGrid } from './calendar-views.tsx';
import { useCalendar } from './turns-api.ts';
import { STATUS_COLORS } from '../../ui/turn-display.tsx';

/** The property's scheduled services a month at a time; each entry opens its turn. */
export function CalendarTab({ accountId }: { accountId: string }) {
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  const gridStart = month.startOf('week');
  const gridEnd = month.endOf('month').endOf('week');
  const days = Array.from({ length: gridEnd.diff(gridStart, 'day') + 1 }, (_, index) => gridStart.add(index, 'day'));
  const calendar = useCalendar(accountId, gridStart.format('YYYY-MM-DD'), gridEnd.format('YYYY-MM-DD'));
  const today = dayjs().format('YYYY-MM-DD');

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="md">
        <Group gap="xs">
          <ActionIcon
            variant="default"
            aria-label="Previous month"
            onClick={() => setMonth(month.subtract(1, 'month'))}
          >
            <IconChevronLeft size={16} />
          </ActionIcon>
          <ActionIcon variant="default" aria-label="Next month" onClick={() => setMonth(month.add(1, 'month'))}>
            <IconChevronRight size={16} />
          </ActionIcon>
          <Title order={2} size="h4" ml="xs">
            {month.format('MMMM YYYY')}
          </Title>
          {calendar.isFetching ? <Loader size="xs" /> : null}
        </Group>
        <Group gap={6}>
          {(['pending', 'scheduled', 'in_progress', 'completed'] as const).map((status) => (
            <Badge key={status} variant="dot" color={STATUS_COLORS[status]} size="sm">
              {SERVICE_LINE_STATUS_LABELS[status]}
            </Badge>
          ))}
        </Group>
      </Group>
      <ErrorAlert error={calendar.error} />
      {/* Seven columns need a tablet's width; a phone gets the same month as a list. */}
      <Box visibleFrom="sm">
        <MonthGrid month={month} days={days} items={calendar.data?.items ?? []} today={today} />
      </Box>
      <Box hiddenFrom="sm">
        <Agenda month={month} items={calendar.data?.items ?? []} />
      </Box>
    </Card>
  );
}
