import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { IconArrowDown, IconArrowLeft, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { RegistrationStepAction } from '../../../shared/registration-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { staffSessionQuery } from '../session/staff-session.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { registrationSettingsQuery, useUpdateRegistrationSettings } from './registration-api.ts';
import { STAFF_ROLE_LABELS, STEP_ACTION_LABELS } from './registration-labels.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

interface EditableStep {
  key: string;
  id: string | null;
  name: string;
  action: RegistrationStepAction;
}

let newStepCounter = 0;

export function RegistrationSettingsPage() {
  const { data: settings } = useSuspenseQuery(registrationSettingsQuery);
  const { data: session } = useSuspenseQuery(staffSessionQuery);
  const canEdit = session.staffMember.role === 'admin';
  const [enabled, setEnabled] = useState(settings.selfRegistrationEnabled);
  const [replyRole, setReplyRole] = useState<string>(settings.replyStaffRole);
  const [steps, setSteps] = useState<EditableStep[]>(
    settings.steps.map((step) => ({ key: step.id, id: step.id, name: step.name, action: step.action })),
  );
  const update = useUpdateRegistrationSettings();
  const fieldErrors = update.error instanceof ApiRequestError ? update.error.fieldErrors() : {};

  const move = (index: number, by: number) => {
    setSteps((current) => {
      const next = [...current];
      const [step] = next.splice(index, 1);
      next.splice(index + by, 0, step!);
      return next;
    });
  };

  const save = () => {
    update.mutate(
      {
        selfRegistrationEnabled: enabled,
        replyStaffRole: replyRole as 'admin' | 'psm' | 'support',
        steps: steps.map(({ id, name, action }) => ({ id, name, action })),
      },
      {
        onSuccess: (saved) => {
          setSteps(saved.steps.map((step) => ({ key: step.id, id: step.id, name: step.name, action: step.action })));
          notifications.show({
            color: 'teal',
            title: 'Registration settings saved',
            message: saved.selfRegistrationEnabled
              ? 'Visitors can sign up in the portal.'
              : 'The portal Sign up button is hidden.',
          });
        },
      },
    );
  };

  return (
    <Page
      title="Registration settings"
      description="Whether visitors can sign up in the portal, who receives their replies, and the steps of a registration request."
      actions={
        <Button
          component={Link}
          to="/console/registrations"
          variant="default"
          leftSection={<IconArrowLeft size={16} />}
        >
          Queue
        </Button>
      }
    >
      <ErrorAlert error={formLevelError(update.error)} />
      {canEdit ? null : (
        <Text size="sm" c="dimmed">
          Only staff with the admin role can change these settings.
        </Text>
      )}
      <Card withBorder padding="lg" maw={760}>
        <Stack>
          <Switch
            label="Allow self-registration"
            description="Shows the Sign up button on the portal sign-in page: visitors sign up with a portal key, or send a request without one."
            checked={enabled}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
            disabled={!canEdit}
          />
          <Select
            label="Visitor replies go to"
            description="Replies to the portal-key email reach the active staff members with this role."
            data={Object.entries(STAFF_ROLE_LABELS).map(([value, label]) => ({ value, label }))}
            value={replyRole}
            onChange={(value) => value && setReplyRole(value)}
            allowDeselect={false}
            disabled={!canEdit}
            maw={320}
          />
          {settings.activeStaffByRole[replyRole as keyof typeof STAFF_ROLE_LABELS] === 0 ? (
            <Alert color="yellow" title="Nobody has this role">
              No active staff member is {STAFF_ROLE_LABELS[replyRole as keyof typeof STAFF_ROLE_LABELS]} staff: replies
              go to the admins until someone is.
            </Alert>
          ) : null}
        </Stack>
      </Card>
      <Card withBorder padding="lg" maw={760}>
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={2} size="h4">
              Request steps
            </Title>
            <Text size="sm" c="dimmed">
              Requests move through these in order. One step emails the portal key; the last one closes the request.
            </Text>
          </div>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={!canEdit}
            onClick={() =>
              setSteps((current) => [
                ...current.slice(0, -1),
                { key: `new-${++newStepCounter}`, id: null, name: '', action: 'none' },
                ...current.slice(-1),
              ])
            }
          >
            Add step
          </Button>
        </Group>
        {fieldErrors.steps ? (
          <Text c="red" size="sm" mb="xs" role="alert">
            {fieldErrors.steps}
          </Text>
        ) : null}
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>What it does</Table.Th>
              <Table.Th w={120} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((step, index) => (
              <Table.Tr key={step.key}>
                <Table.Td>{index + 1}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Step ${index + 1} name`}
                    value={step.name}
                    disabled={!canEdit}
                    onChange={(event) => {
                      const name = event.currentTarget.value;
                      setSteps((current) =>
                        current.map((candidate) => (candidate.key === step.key ? { ...candidate, name } : candidate)),
                      );
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {STEP_ACTION_LABELS[step.action]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Move step ${index + 1} up`}
                      disabled={!canEdit || index === 0 || step.action === 'close'}
                      onClick={() => move(index, -1)}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Move step ${index + 1} down`}
                      disabled={!canEdit || index >= steps.length - 2 || step.action === 'close'}
                      onClick={() => move(index, 1)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove step ${index + 1}`}
                      disabled={!canEdit || step.action !== 'none'}
                      onClick={() => setSteps((current) => current.filter((candidate) => candidate.key !== step.key))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Group maw={760} justify="flex-end">
        <Button onClick={save} loading={update.isPending} disabled={!canEdit}>
          Save settings
        </Button>
      </Group>
    </Page>
  );
}
