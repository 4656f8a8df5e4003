import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconHammer } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { ReworkRequest } from '../../../shared/field-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { Page } from '../../ui/page.tsx';
import { PhotoGrid } from '../../ui/photo-input.tsx';
import { usePros } from '../catalog/catalog-api.ts';
import { DismissReworkModal } from './rework-dismiss-modal.tsx';
import { type ReworkStatus, staffPhotoUrl, useCreateReworkLine, useReworkRequests } from './rework-api.ts';

const routeApi = getRouteApi('/console/rework');

export function ReworkDeskRoute() {
  const { status } = routeApi.useSearch();
  return <ReworkDeskPage key={status} status={status} />;
}

/** Issues customers reported on completed work; each becomes a punch-back line on the same turn. */
export function ReworkDeskPage({ status }: { status: ReworkStatus }) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const requests = useReworkRequests(status, page);
  const [converting, setConverting] = useState<ReworkRequest | null>(null);
  const [dismissing, setDismissing] = useState<ReworkRequest | null>(null);
  return (
    <Page
      title="Rework desk"
      description="Issues customers reported on completed services. Turn each into a return visit on the same turn."
    >
      <SegmentedControl
        aria-label="Rework requests to show"
        value={status}
        onChange={(value) => void navigate({ to: '/console/rework', search: { status: value as ReworkStatus } })}
        data={[
          { value: 'open', label: 'Open' },
          { value: 'converted', label: 'Scheduled' },
          { value: 'dismissed', label: 'Dismissed' },
        ]}
        fullWidth
        maw={480}
      />
      <ErrorAlert error={requests.error} />
      {requests.isPending ? <Loader aria-label="Loading rework requests" /> : null}
      {requests.data?.items.length === 0 ? (
        <Alert variant="light" color="gray">
          {status === 'open' ? 'No open rework requests. Nice work.' : 'Nothing here yet.'}
        </Alert>
      ) : null}
      {requests.data?.items.map((request) => (
        <ReworkCard
          key={request.id}
          request={request}
          onConvert={() => setConverting(request)}
          onDismiss={() => setDismissing(request)}
        />
      ))}
      {page > 1 || requests.data?.hasMore ? (
        <Group>
          <Button variant="default" disabled={page === 1} onClick={() => setPage(page - 1)}>
            Newer
          </Button>
          <Button variant="default" disabled={!requests.data?.hasMore} onClick={() => setPage(page + 1)}>
            Older
          </Button>
        </Group>
      ) : null}
      {converting ? <ReworkLineModal request={converting} onClose={() => setConverting(null)} /> : null}
      {dismissing ? <DismissReworkModal request={dismissing} onClose={() => setDismissing(null)} /> : null}
    </Page>
  );
}

function ReworkCard({
  request,
  onConvert,
  onDismiss,
}: {
  request: ReworkRequest;
  onConvert: () => void;
  onDismiss: () => void;
}) {
  const title = `Unit ${request.unitNumber} · ${request.propertyName}`;
  return (
    <Card withBorder component="article" aria-label={`${request.serviceName}, ${title}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={700}>{request.serviceName}</Text>
            <AnchorLink
              to="/console/customers/$accountId"
              params={{ accountId: request.accountId }}
              search={{ tab: 'turns' }}
              size="sm"
            >
              {title}
            </AnchorLink>
          </div>
          {request.status === 'open' ? (
            <Group gap="xs">
              <Button variant="default" onClick={onDismiss}>
                Dismiss
              </Button>
              <Button leftSection={<IconHammer size={16} />} onClick={onConvert}>
                Create rework line
              </Button>
            </Group>
          ) : (
            <Badge color={request.status === 'converted' ? 'teal' : 'gray'} variant="light">
              {request.status === 'converted' ? 'Rework line added' : 'Dismissed'}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          Reported {dayjs(request.createdAt).format('MMM D, YYYY h:mm A')} · done by{' '}
          {request.originalProName ?? 'no pro on record'}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {request.note}
        </Text>
        <PhotoGrid photos={request.photos} urlOf={staffPhotoUrl} label="Issue photo" cols={4} />
      </Stack>
    </Card>
  );
}

function ReworkLineModal({ request, onClose }: { request: ReworkRequest; onClose: () => void }) {
  const create = useCreateReworkLine(request.id);
  const pros = usePros();
  const [proId, setProId] = useState<string | null>(null);
  const [scheduledDate, setScheduledDate] = useState(dayjs().add(1, 'day').format('YYYY-MM-DD'));
  const errors = create.error instanceof ApiRequestError ? create.error.fieldErrors() : {};
  const save = () =>
    create.mutate(
      { proId, scheduledDate: scheduledDate || null },
      {
        onSuccess: () => {
          notifySaved(`A rework visit for ${request.serviceName} is on the turn for unit ${request.unitNumber}.`);
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={`Rework ${request.serviceName}, unit ${request.unitNumber}`} centered>
      <Stack>
        <Text size="sm" c="dimmed">
          Adds a punch-back visit to the same turn at no charge, counted as rework against the service and the pro who
          did it{request.originalProName ? ` (${request.originalProName})` : ''}.
        </Text>
        <ErrorAlert error={formLevelError(create.error)} />
        <NativeSelect
          label="Pro"
          data={[
            { value: '', label: 'Leave unassigned' },
            ...(pros.data?.items ?? []).filter((pro) => pro.active).map((pro) => ({ value: pro.id, label: pro.name })),
          ]}
          value={proId ?? ''}
          onChange={(event) => setProId(event.currentTarget.value || null)}
          error={errors.proId}
        />
        <TextInput
          type="date"
          label="Date"
          value={scheduledDate}
          onChange={(event) => setScheduledDate(event.currentTarget.value)}
          error={errors.scheduledDate}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={create.isPending} onClick={save}>
            Create rework line
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
