import { Alert, Badge, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconMapPin } from '@tabler/icons-react';
import dayjs from 'dayjs';
import type { Assignment } from '../../shared/field-contracts.ts';
import { CardLink } from '../ui/card-link.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { assignmentWindow, useAssignments } from './pro-api.ts';
import { ProStatusBadge } from './pro-status.tsx';

const isOpen = (item: Assignment) => item.status !== 'completed' && item.status !== 'canceled';

/** Today's services first, then the coming days by date; older work shows only while it is still open. */
export function ProAssignmentsPage() {
  const assignments = useAssignments();
  if (assignments.isPending)
    return (
      <Center p="xl">
        <Loader aria-label="Loading your services" />
      </Center>
    );
  if (assignments.error) return <ErrorAlert error={assignments.error} />;
  const { today } = assignmentWindow();
  const items = assignments.data.items.filter((item) => item.status !== 'canceled');
  const earlier = items.filter((item) => item.scheduledDate < today && isOpen(item));
  const todays = items.filter((item) => item.scheduledDate === today);
  const upcoming = items.filter((item) => item.scheduledDate > today);
  const days = [...new Set(upcoming.map((item) => item.scheduledDate))];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h3">
          My services
        </Title>
        <Text size="sm" c="dimmed">
          {dayjs(today).format('dddd, MMMM D')}
        </Text>
      </div>
      {earlier.length ? <Section title="Still open from earlier days" items={earlier} showDate /> : null}
      <Section title="Today" items={todays} empty="Nothing scheduled for you today." />
      {days.map((day) => (
        <Section
          key={day}
          title={dayjs(day).format('dddd, MMM D')}
          items={upcoming.filter((item) => item.scheduledDate === day)}
        />
      ))}
      {upcoming.length === 0 ? (
        <Alert variant="light" color="gray">
          Nothing assigned to you in the next two weeks yet.
        </Alert>
      ) : null}
    </Stack>
  );
}

function Section(props: { title: string; items: Assignment[]; empty?: string; showDate?: boolean }) {
  return (
    <Stack gap="xs" component="section" aria-label={props.title}>
      <Title order={2} size="h5" c="dimmed" tt="uppercase">
        {props.title}
      </Title>
      {props.items.length === 0 && props.empty ? (
        <Text size="sm" c="dimmed">
          {props.empty}
        </Text>
      ) : null}
      {props.items.map((item) => (
        <AssignmentCard key={item.serviceLineId} item={item} showDate={props.showDate} />
      ))}
    </Stack>
  );
}

function AssignmentCard({ item, showDate }: { item: Assignment; showDate?: boolean | undefined }) {
  return (
    <CardLink
      to="/pro/services/$serviceLineId"
      params={{ serviceLineId: item.serviceLineId }}
      withBorder
      padding="md"
      radius="md"
      aria-label={`${item.serviceName}, unit ${item.unitNumber}, ${item.propertyName}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={700}>{item.serviceName}</Text>
          <ProStatusBadge status={item.status} />
        </Group>
        <Text size="sm" fw={500}>
          Unit {item.unitNumber} · {item.propertyName}
        </Text>
        {item.address ? (
          <Group gap={4} wrap="nowrap">
            <IconMapPin size={14} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
            <Text size="sm" c="dimmed" truncate>
              {item.address}
            </Text>
          </Group>
        ) : null}
        <Group gap={6}>
          {showDate ? (
            <Badge variant="outline" color="gray" size="sm">
              {dayjs(item.scheduledDate).format('MMM D')}
            </Badge>
          ) : null}
          {item.isRework ? (
            <Badge color="grape" variant="light" size="sm">
              Rework
            </Badge>
          ) : null}
          {item.pendingAddOn ? (
            <Badge color="orange" variant="light" size="sm">
              Add-on waiting
            </Badge>
          ) : null}
        </Group>
      </Stack>
    </CardLink>
  );
}
