import { Badge, Box, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import type { Dayjs } from 'dayjs';
import { type Calendar, SERVICE_LINE_STATUS_LABELS } from '../../../shared/turn-contracts.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { STATUS_COLORS } from '../../ui/turn-display.tsx';

type CalendarItem = Calendar['items'][number];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const entryLabel = (item: CalendarItem) =>
  `${item.name}, unit ${item.unitNumber}: ${SERVICE_LINE_STATUS_LABELS[item.status]}`;

function EntryBadge({ item, size }: { item: CalendarItem; size: 'sm' | 'md' }) {
  return (
    <Badge
      fullWidth
      radius="sm"
      size={size}
      variant={item.status === 'canceled' ? 'outline' : 'light'}
      color={STATUS_COLORS[item.status]}
      td={item.status === 'canceled' ? 'line-through' : undefined}
      style={{ textTransform: 'none', justifyContent: 'flex-start' }}
    >
      {item.unitNumber} · {item.name}
    </Badge>
  );
}

/** The month as a grid of weeks (rows) and days (cells), for screens wide enough to read it. */
export function MonthGrid(props: { month: Dayjs; days: Dayjs[]; items: CalendarItem[]; today: string }) {
  const weeks = Array.from({ length: props.days.length / 7 }, (_, week) => props.days.slice(week * 7, week * 7 + 7));
  return (
    <Box role="grid" aria-label={`Services in ${props.month.format('MMMM YYYY')}`}>
      <SimpleGrid cols={7} spacing={4} role="row">
        {WEEKDAYS.map((weekday) => (
          <Text key={weekday} role="columnheader" size="xs" fw={600} c="dimmed" ta="center">
            {weekday}
          </Text>
        ))}
      </SimpleGrid>
      {weeks.map((week) => (
        <SimpleGrid key={week[0]!.format('YYYY-MM-DD')} cols={7} spacing={4} mt={4} role="row">
          {week.map((day) => {
            const date = day.format('YYYY-MM-DD');
            const items = props.items.filter((item) => item.scheduledDate === date);
            const inMonth = day.month() === props.month.month();
            return (
              <Paper
                key={date}
                withBorder
                p={4}
                mih={96}
                miw={0}
                bg={date === props.today ? 'blue.0' : inMonth ? undefined : 'gray.0'}
                role="gridcell"
                aria-label={day.format('MMMM D')}
              >
                <Text size="xs" fw={date === props.today ? 700 : 400} c={inMonth ? undefined : 'dimmed'}>
                  {day.date()}
                </Text>
                <Stack gap={2} mt={2}>
                  {items.slice(0, 4).map((item) => (
                    <Tooltip key={item.serviceLineId} label={entryLabel(item)}>
                      <AnchorLink
                        to="/portal/turns/$turnId"
                        params={{ turnId: item.turnId }}
                        underline="never"
                        aria-label={`${item.name}, unit ${item.unitNumber}`}
                        display="block"
                        mih={24}
                      >
                        <EntryBadge item={item} size="sm" />
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
      ))}
    </Box>
  );
}

/** The month as a list of the days that have services, for phones: every entry readable in full. */
export function Agenda(props: { month: Dayjs; items: CalendarItem[] }) {
  const inMonth = props.items.filter((item) => item.scheduledDate.startsWith(props.month.format('YYYY-MM')));
  const dates = [...new Set(inMonth.map((item) => item.scheduledDate))].sort();
  if (dates.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No services scheduled in {props.month.format('MMMM')}.
      </Text>
    );
  return (
    <Stack gap="md" aria-label={`Services in ${props.month.format('MMMM YYYY')}`} component="section">
      {dates.map((date) => (
        <div key={date}>
          <Text size="sm" fw={600} mb={4} component="h3">
            {props.month.date(Number(date.slice(8))).format('dddd, MMMM D')}
          </Text>
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {inMonth
              .filter((item) => item.scheduledDate === date)
              .map((item) => (
                <li key={item.serviceLineId}>
                  <AnchorLink to="/portal/turns/$turnId" params={{ turnId: item.turnId }} underline="never">
                    <EntryBadge item={item} size="md" />
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {SERVICE_LINE_STATUS_LABELS[item.status]}
                  </Text>
                </li>
              ))}
          </Stack>
        </div>
      ))}
    </Stack>
  );
}
