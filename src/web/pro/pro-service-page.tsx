import { Alert, Anchor, Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconPlayerPlay } from '@tabler/icons-react';
import { getRouteApi, Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import type { Assignment } from '../../shared/field-contracts.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { notifySaved } from '../ui/form-feedback.ts';
import { PhotoGrid, PhotoInput } from '../ui/photo-input.tsx';
import { AddOnRequest } from './add-on-request.tsx';
import { proPhotoUrl, useAssignments, useSetServiceStatus, useUploadProPhoto } from './pro-api.ts';
import { ProStatusBadge } from './pro-status.tsx';

// Its id includes the pathless signed-in route it hangs from.
const serviceRouteApi = getRouteApi('/pro-app/pro/services/$serviceLineId');

export function ProServiceRoute() {
  const { serviceLineId } = serviceRouteApi.useParams();
  const assignments = useAssignments();
  if (assignments.isPending)
    return (
      <Center p="xl">
        <Loader aria-label="Loading the service" />
      </Center>
    );
  if (assignments.error) return <ErrorAlert error={assignments.error} />;
  const item = assignments.data.items.find((candidate) => candidate.serviceLineId === serviceLineId);
  if (!item)
    return (
      <Stack>
        <BackLink />
        <Alert color="yellow" variant="light" title="Not on your list">
          This service is not assigned to you in the coming days.
        </Alert>
      </Stack>
    );
  return <ProServicePage key={item.serviceLineId} item={item} />;
}

function BackLink() {
  return (
    <Anchor component={Link} to="/pro" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={16} /> My services
      </Group>
    </Anchor>
  );
}

/** One service at the door: what is needed on site, start and complete, photos, and extra work found. */
export function ProServicePage({ item }: { item: Assignment }) {
  const status = useSetServiceStatus(item.serviceLineId);
  const open = item.status !== 'completed' && item.status !== 'canceled';
  const canStart = item.status === 'pending' || item.status === 'scheduled';
  const change = (action: 'start' | 'complete') =>
    status.mutate(action, {
      onSuccess: () => notifySaved(action === 'start' ? `${item.serviceName} started.` : `${item.serviceName} done.`),
    });

  return (
    <Stack gap="md">
      <BackLink />
      <div>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={1} size="h3">
            {item.serviceName}
          </Title>
          <ProStatusBadge status={item.status} size="md" />
        </Group>
        <Text fw={600}>
          Unit {item.unitNumber} · {item.propertyName}
        </Text>
        <Group gap={6} mt={4}>
          <Badge variant="outline" color="gray">
            {dayjs(item.scheduledDate).format('ddd, MMM D')}
          </Badge>
          {item.isRework ? (
            <Badge color="grape" variant="light">
              Rework visit
            </Badge>
          ) : null}
        </Group>
      </div>

      <ErrorAlert error={status.error} />
      {canStart ? (
        <Button
          size="lg"
          fullWidth
          leftSection={<IconPlayerPlay size={20} />}
          loading={status.isPending}
          onClick={() => change('start')}
        >
          Start service
        </Button>
      ) : null}
      {item.status === 'in_progress' ? (
        <Button
          size="lg"
          fullWidth
          color="teal"
          leftSection={<IconCheck size={20} />}
          loading={status.isPending}
          onClick={() => change('complete')}
        >
          Complete service
        </Button>
      ) : null}
      {item.status === 'completed' ? (
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title="Completed">
          The customer sees this service as completed.
        </Alert>
      ) : null}

      <OnSite item={item} />
      <Photos item={item} open={open} />
      {open ? <AddOnRequest item={item} /> : null}
    </Stack>
  );
}

function OnSite({ item }: { item: Assignment }) {
  const facts: Array<[string, string | null]> = [
    ['Address', item.address || null],
    ['Floorplan', item.floorplanName],
    ['Move-in', item.moveInDate ? dayjs(item.moveInDate).format('MMM D, YYYY') : null],
    ['Access', item.accessNotes],
    ['Turn notes', item.turnNotes],
  ];
  return (
    <Card withBorder radius="md" component="section" aria-label="On site">
      <Stack gap="xs">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {label}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {value}
              </Text>
            </div>
          ))}
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Approved add-ons
          </Text>
          <Text size="sm">{item.approvedAddOns.map((addOn) => addOn.name).join(', ') || 'None'}</Text>
        </div>
      </Stack>
    </Card>
  );
}

function Photos({ item, open }: { item: Assignment; open: boolean }) {
  const upload = useUploadProPhoto(item.serviceLineId);
  const before = item.photos.filter((photo) => photo.purpose === 'before');
  const after = item.photos.filter((photo) => photo.purpose === 'after');
  const add = (purpose: 'before' | 'after') => (file: File) =>
    upload.mutate({ purpose, file }, { onSuccess: () => notifySaved(`The ${purpose} photo is saved.`) });
  return (
    <Card withBorder radius="md" component="section" aria-label="Photos">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Photos
        </Title>
        <ErrorAlert error={upload.error} />
        <PhotoGrid photos={before} urlOf={proPhotoUrl} label="Before photo" />
        <PhotoGrid photos={after} urlOf={proPhotoUrl} label="After photo" />
        {before.length + after.length === 0 ? (
          <Text size="sm" c="dimmed">
            No photos yet. Before and after photos are optional; the customer sees them on the turn.
          </Text>
        ) : null}
        {open ? (
          <Group grow gap="xs">
            <PhotoInput
              label="Add a before photo"
              loading={upload.isPending && upload.variables?.purpose === 'before'}
              onFile={add('before')}
            >
              Before photo
            </PhotoInput>
            <PhotoInput
              label="Add an after photo"
              loading={upload.isPending && upload.variables?.purpose === 'after'}
              onFile={add('after')}
            >
              After photo
            </PhotoInput>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
