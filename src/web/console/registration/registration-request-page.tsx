import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { IconArrowLeft, IconMailForward } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { CLOSE_REASON_LABELS, type RegistrationRequestDetail } from '../../../shared/registration-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { MatchPanel } from './match-panel.tsx';
import { PortalKeyEmailModal } from './portal-key-email-modal.tsx';
import {
  registrationRequestQuery,
  useAddRegistrationNote,
  useCloseRegistrationRequest,
  useSendPortalKey,
  useSetRegistrationStep,
} from './registration-api.ts';
import { STAFF_ROLE_LABELS, STATE_COLORS, STATE_LABELS } from './registration-labels.ts';

const EVENT_LABELS: Record<string, string> = {
  submitted: 'Request received',
  auto_closed: 'Closed automatically',
  matched: 'Matched to account',
  email_added: 'Email added to contact',
  contact_created: 'Contact created',
  step_changed: 'Step changed',
  portal_key_sent: 'Portal key sent',
  closed: 'Closed',
  note: 'Note',
};

export function RegistrationRequestPage() {
  const { requestId } = useParams({ from: '/console/registrations/$requestId' });
  const { data: request } = useSuspenseQuery(registrationRequestQuery(requestId));
  const [matching, setMatching] = useState(request.state === 'open');
  const isClosed = request.state === 'closed';

  return (
    <Page
      title={`${request.firstName} ${request.lastName}`}
      description={
        <Group gap="xs" component="span">
          <Badge color={STATE_COLORS[request.state]} variant="light">
            {STATE_LABELS[request.state]}
          </Badge>
          {request.closeReason ? (
            <Text span size="sm">
              {CLOSE_REASON_LABELS[request.closeReason]}
            </Text>
          ) : null}
          <Text span size="sm">
            Received {new Date(request.createdAt).toLocaleString()}
          </Text>
        </Group>
      }
      actions={
        <>
          <Button
            component={Link}
            to="/console/registrations"
            variant="default"
            leftSection={<IconArrowLeft size={16} />}
          >
            Queue
          </Button>
          {isClosed ? null : <CloseRequestButton request={request} />}
        </>
      }
    >
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Title order={2} size="h4" mb="sm">
                What the visitor sent
              </Title>
              <SimpleGrid cols={2} spacing="xs">
                <Field label="Email">{request.email}</Field>
                <Field label="Phone">{request.phone ?? '—'}</Field>
                <Field label="Property or company">{request.propertyName ?? '—'}</Field>
                <Field label="Account number">{request.submittedAccountNumber ?? '—'}</Field>
                <Field label="Address">{request.address ?? '—'}</Field>
              </SimpleGrid>
            </Card>

            <Card withBorder padding="lg">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Account and contact
                </Title>
                {!isClosed && request.account && !matching ? (
                  <Button size="xs" variant="default" onClick={() => setMatching(true)}>
                    Change match
                  </Button>
                ) : null}
              </Group>
              {request.account && !matching ? (
                <SimpleGrid cols={2} spacing="xs">
                  <Field label="Account">
                    {request.account.name} ({request.account.accountNumber})
                  </Field>
                  <Field label="Contact">
                    {request.contact ? `${request.contact.firstName} ${request.contact.lastName}` : '—'}
                    {request.contact?.emails.map((email) => (
                      <Text key={email.email} size="xs" c="dimmed">
                        {email.email} · {email.kind}
                      </Text>
                    ))}
                  </Field>
                </SimpleGrid>
              ) : null}
              {!isClosed && matching ? <MatchPanel request={request} onDone={() => setMatching(false)} /> : null}
              {isClosed && !request.account ? (
                <Text size="sm" c="dimmed">
                  Closed before it was matched.
                </Text>
              ) : null}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <StepCard request={request} />
            <HistoryCard request={request} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

function Field(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.children}
      </Text>
    </div>
  );
}

function StepCard({ request }: { request: RegistrationRequestDetail }) {
  const [previewOpened, preview] = useDisclosure(false);
  const [pendingStepId, setPendingStepId] = useState<string | null>(null);
  const setStep = useSetRegistrationStep(request.id);
  const sendKey = useSendPortalKey(request.id);
  const isClosed = request.state === 'closed';
  const canSendKey = request.state === 'matched';

  const chooseStep = (stepId: string | null) => {
    const step = request.steps.find((candidate) => candidate.id === stepId);
    if (!step || step.id === request.currentStep?.id) return;
    if (step.action === 'send_portal_key') {
      // The key goes out only after staff have seen the email.
      setPendingStepId(step.id);
      preview.open();
      return;
    }
    setStep.mutate(
      { stepId: step.id },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', title: 'Step changed', message: `${step.position} - ${step.name}` }),
      },
    );
  };

  const send = () => {
    const onSuccess = () => {
      preview.close();
      setPendingStepId(null);
      notifications.show({ color: 'teal', title: 'Portal key sent', message: `Emailed to ${request.email}.` });
    };
    if (pendingStepId) setStep.mutate({ stepId: pendingStepId }, { onSuccess });
    else sendKey.mutate(undefined, { onSuccess });
  };

  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        Step
      </Title>
      <Stack>
        <ErrorAlert error={previewOpened ? null : setStep.error} />
        <Select
          label="Current step"
          data={request.steps.map((step) => ({
            value: step.id,
            label: `${step.position} - ${step.name}`,
            disabled: step.action === 'send_portal_key' && !canSendKey,
          }))}
          value={request.currentStep?.id ?? null}
          onChange={chooseStep}
          disabled={isClosed || setStep.isPending}
          allowDeselect={false}
        />
        {!canSendKey && !isClosed ? (
          <Text size="xs" c="dimmed">
            Match the request to an account before sending the portal key.
          </Text>
        ) : null}
        {request.portalKeySentAt ? (
          <Text size="sm">Portal key last sent {new Date(request.portalKeySentAt).toLocaleString()}.</Text>
        ) : null}
        <Button
          variant="light"
          leftSection={<IconMailForward size={16} />}
          disabled={!canSendKey}
          onClick={() => {
            setPendingStepId(null);
            preview.open();
          }}
        >
          {request.portalKeySentAt ? 'Preview and resend portal key' : 'Preview and send portal key'}
        </Button>
        <Text size="xs" c="dimmed">
          Visitor replies go to {STAFF_ROLE_LABELS[request.replyStaffRole]} staff (
          <Anchor component={Link} to="/console/registrations/settings" size="xs">
            settings
          </Anchor>
          ).
        </Text>
      </Stack>
      <PortalKeyEmailModal
        requestId={request.id}
        opened={previewOpened}
        onClose={() => {
          preview.close();
          setPendingStepId(null);
        }}
        onSend={send}
        sending={setStep.isPending || sendKey.isPending}
        sendError={setStep.error ?? sendKey.error}
      />
    </Card>
  );
}

function CloseRequestButton({ request }: { request: RegistrationRequestDetail }) {
  const [opened, modal] = useDisclosure(false);
  const [reason, setReason] = useState<'completed' | 'duplicate' | 'spam' | 'other'>('completed');
  const [note, setNote] = useState('');
  const close = useCloseRegistrationRequest(request.id);
  return (
    <>
      <Button color="red" variant="light" onClick={modal.open}>
        Close request
      </Button>
      <Modal opened={opened} onClose={modal.close} title="Close this request?">
        <Stack>
          <ErrorAlert error={close.error} />
          <Select
            label="Reason"
            data={(['completed', 'duplicate', 'spam', 'other'] as const).map((value) => ({
              value,
              label: CLOSE_REASON_LABELS[value],
            }))}
            value={reason}
            onChange={(value) => value && setReason(value as typeof reason)}
            allowDeselect={false}
          />
          <Textarea
            label="Note (optional)"
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={close.isPending}
              onClick={() =>
                close.mutate(
                  { reason, ...(note.trim() ? { note: note.trim() } : {}) },
                  {
                    onSuccess: () => {
                      modal.close();
                      notifications.show({
                        color: 'teal',
                        title: 'Request closed',
                        message: CLOSE_REASON_LABELS[reason],
                      });
                    },
                  },
                )
              }
            >
              Close request
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function HistoryCard({ request }: { request: RegistrationRequestDetail }) {
  const [note, setNote] = useState('');
  const addNote = useAddRegistrationNote(request.id);
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        History
      </Title>
      <Timeline bulletSize={12} lineWidth={2}>
        {request.events.map((event) => (
          <Timeline.Item
            key={event.id}
            title={
              <Text size="sm" fw={600}>
                {EVENT_LABELS[event.kind] ?? event.kind}
              </Text>
            }
          >
            {event.detail ? <Text size="sm">{event.detail}</Text> : null}
            <Text size="xs" c="dimmed">
              {new Date(event.occurredAt).toLocaleString()}
              {event.actorName ? ` · ${event.actorName}` : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      <Stack mt="md" gap="xs">
        <ErrorAlert error={addNote.error} />
        <Textarea
          label="Add a note"
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="default"
            disabled={!note.trim()}
            loading={addNote.isPending}
            onClick={() => addNote.mutate({ text: note.trim() }, { onSuccess: () => setNote('') })}
          >
            Add note
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
