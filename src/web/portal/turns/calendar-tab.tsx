import { ActionIcon, Badge, Card, Group, Loader, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { SERVICE_LINE_STATUS_LABELS } from '../../../shared/turn-contracts.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useCalendar } from './turns-api.ts';
import { STATUS_COLORS } from '../../ui/turn-display.tsx';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A month grid of the property's scheduled services; each entry opens its turn. */
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
      <SimpleGrid cols={7} spacing={4} role="grid" aria-label={`Services in ${month.format('MMMM YYYY')}`}>
        {WEEKDAYS.map((weekday) => (
          <Text key={weekday} size="xs" fw={600} c="dimmed" ta="center">
            {weekday}
          </Text>
        ))}
        {days.map((day) => {
          const date = day.format('YYYY-MM-DD');
          const items = calendar.data?.items.filter((item) => item.scheduledDate === date) ?? [];
          const inMonth = day.month() === month.month();
          return (
            <Paper
              key={date}
              withBorder
              p={4}
              mih={96}
              bg={date === today ? 'blue.0' : inMonth ? undefined : 'gray.0'}
              role="gridcell"
              aria-label={day.format('MMMM D')}
            >
              <Text size="xs" fw={date === today ? 700 : 400} c={inMonth ? undefined : 'dimmed'}>
                {day.date()}
              </Text>
              <Stack gap={2} mt={2}>
                {items.slice(0, 4).map((item) => (
                  <Tooltip
                    key={item.serviceLineId}
                    label={`${item.name}, unit ${item.unitNumber}: ${SERVICE_LINE_STATUS_LABELS[item.status]}`}
                  >
                    <AnchorLink
                      to="/portal/turns/$turnId"
                      params={{ turnId: item.turnId }}
                      underline="never"
                      aria-label={`${item.name}, unit ${item.unitNumber}`}
                    >
                      <Badge
                        fullWidth
                        radius="sm"
                        size="xs"
                        variant={item.status === 'canceled' ? 'outline' : 'light'}
                        color={STATUS_COLORS[item.status]}
                        td={item.status === 'canceled' ? 'line-through' : undefined}
                        style={{ textTransform: 'none', justifyContent: 'flex-start' }}
                      >
                        {item.unitNumber} · {item.name}
                      </Badge>
                    </AnchorLink>
                  </Tooltip>
                ))}
                {items.length > 4 ? (
                  <Text size="xs" c="dimmed">
                    +{items.length - 4} more
                  </Text>
                ) : null}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Card>
  );
}
