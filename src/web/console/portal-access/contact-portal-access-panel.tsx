import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconEye } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { StepUpModal } from '../security/step-up-modal.tsx';
import type { LinkSent, PortalAccess, PortalAccessAction } from '../../../shared/portal-access-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { ConfirmActionModal, type PendingConfirmation } from './confirm-action-modal.tsx';
import { TemporaryPasswordModal } from './temporary-password-modal.tsx';
import { portalAccessQuery, portalAccessTimelineQuery, usePortalAccessActions } from './portal-access-api.ts';
import { DELIVERY_LABELS, describeEvent, LINK_STATE_LABELS, STATE_LABELS } from './portal-access-labels.ts';
import { RequiresPermission } from '../session/staff-permission.tsx';

type LinkPath = 'credential-create-email' | 'password-reset-email' | 'login-link-email' | 'welcome-email';

const LINK_ACTIONS: Array<{ action: PortalAccessAction; path: LinkPath; label: string; sent: string }> = [
  {
    action: 'send_credential_create',
    path: 'credential-create-email',
    label: 'Send credential-create email',
    sent: 'Credential-create email',
  },
  {
    action: 'send_password_reset',
    path: 'password-reset-email',
    label: 'Send password reset email',
    sent: 'Password reset email',
  },
  { action: 'send_login_link', path: 'login-link-email', label: 'Send login link', sent: 'Login link' },
  { action: 'resend_welcome', path: 'welcome-email', label: 'Resend welcome email', sent: 'Welcome email' },
];

function showError(error: unknown) {
  notifications.show({
    color: 'red',
    title: 'That did not work',
    message: error instanceof Error ? error.message : 'Try again.',
  });
}

/** The portal-access panel on the staff contact page: state, actions and the access timeline. */
export function ContactPortalAccessPanel({ contactId }: { contactId: string }) {
  const access = useQuery(portalAccessQuery(contactId));
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="Portal access">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4">
            Portal access
          </Title>
          {access.data ? (
            <Badge color={STATE_LABELS[access.data.state].color} variant="light" size="lg">
              {STATE_LABELS[access.data.state].label}
            </Badge>
          ) : null}
        </Group>
        <ErrorAlert error={access.error} />
        {access.isPending ? (
          <Center p="md">
            <Loader size="sm" aria-label="Loading portal access" />
          </Center>
        ) : null}
        {access.data ? <PortalAccessBody contactId={contactId} access={access.data} /> : null}
        <AccessTimeline contactId={contactId} />
      </Stack>
    </Card>
  );
}

function PortalAccessBody({ contactId, access }: { contactId: string; access: PortalAccess }) {
  const actions = usePortalAccessActions(contactId);
  const can = (action: PortalAccessAction) => access.actions.includes(action);
  const [temporaryOpen, setTemporaryOpen] = useState(false);
  const [confirmation, setConfirmation] = useState<PendingConfirmation | null>(null);

  const sendLink = (path: LinkPath, requestedLabel: string) =>
    actions.sendLink.mutate(path, {
      onSuccess: (result: LinkSent) => {
        // A reset for a login nobody has set up yet goes out as the credential-create email.
        const sentLabel = result.purpose === 'credential_create' ? 'Credential-create email' : requestedLabel;
        notifications.show({
          color: result.queued ? 'teal' : 'yellow',
          title: result.queued ? `${sentLabel} queued` : `${sentLabel} not sent`,
          message: result.queued
            ? `Sending to ${result.sentTo.join(', ')}. Ask the contact to check their junk or spam folder if it does not arrive.`
            : 'This email kind is switched off in notification settings.',
        });
      },
      onError: showError,
    });

  const confirmDeleteUsername = () =>
    setConfirmation({
      title: 'Delete the username?',
      message:
        'The username and password are removed and the contact is signed out. Use this when someone new takes over the login; then send a credential-create email.',
      confirmLabel: 'Delete username',
      onConfirm: () =>
        actions.deleteUsername.mutate(undefined, {
          onSuccess: () =>
            notifications.show({
              color: 'teal',
              title: 'Username deleted',
              message: 'The contact can set up a new login.',
            }),
          onError: showError,
        }),
    });

  const [viewAsOpen, setViewAsOpen] = useState(false);
  const startViewAs = () => setViewAsOpen(true);

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {STATE_LABELS[access.state].help}
      </Text>
      {access.accountInactive ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="The account is inactive">
          Contacts of inactive accounts cannot sign in to the portal. Set the account’s status to prospect or current to
          give access back.
        </Alert>
      ) : !access.accountAccessEnabled ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Portal access is off on the account"
        >
          Turn on “activate portal access” on this contact’s account (Portal access tab) before sending links.
        </Alert>
      ) : null}
      <AccessSwitchForm contactId={contactId} access={access} confirm={setConfirmation} />
      {access.enabled ? (
        <UsernameForm
          contactId={contactId}
          access={access}
          onDelete={can('delete_username') ? confirmDeleteUsername : null}
        />
      ) : null}
      {access.lastSignInAt || access.lockedUntil ? (
        <Group gap="xl">
          {access.lastSignInAt ? (
            <Text size="sm">Last sign-in: {new Date(access.lastSignInAt).toLocaleString()}</Text>
          ) : null}
          {access.lockedUntil ? (
            <Text size="sm" c="red">
              Locked until {new Date(access.lockedUntil).toLocaleString()}
            </Text>
          ) : null}
        </Group>
      ) : null}
      <Group gap="sm">
        {LINK_ACTIONS.filter((item) => can(item.action)).map((item) => (
          <Button
            key={item.action}
            variant="light"
            size="sm"
            loading={actions.sendLink.isPending && actions.sendLink.variables === item.path}
            onClick={() => sendLink(item.path, item.sent)}
          >
            {item.label}
          </Button>
        ))}
        {can('set_temporary_password') ? (
          <RequiresPermission permission="customerSetup">
            <Button variant="light" size="sm" onClick={() => setTemporaryOpen(true)}>
              Create password
            </Button>
          </RequiresPermission>
        ) : null}
        {can('unlock') ? (
          <Button
            variant="light"
            color="orange"
            size="sm"
            loading={actions.unlock.isPending}
            onClick={() =>
              actions.unlock.mutate(undefined, {
                onSuccess: () =>
                  notifications.show({ color: 'teal', title: 'Unlocked', message: 'The contact can sign in again.' }),
                onError: showError,
              })
            }
          >
            Unlock
          </Button>
        ) : null}
        {can('view_as') ? (
          <Button
            variant="default"
            size="sm"
            leftSection={<IconEye size={16} />}
            loading={actions.viewAs.isPending}
            onClick={startViewAs}
          >
            View portal as this contact
          </Button>
        ) : null}
      </Group>
      <StepUpModal
        opened={viewAsOpen}
        onClose={() => setViewAsOpen(false)}
        title="View the portal as this contact"
        confirmLabel="Open the portal"
        onConfirm={async (reason) => {
          const result = await actions.viewAs.mutateAsync(reason);
          window.open(result.portalUrl, '_blank', 'noopener');
        }}
      >
        Read-only, for one hour, with a banner on every page.
      </StepUpModal>
      <TemporaryPasswordModal contactId={contactId} opened={temporaryOpen} onClose={() => setTemporaryOpen(false)} />
      <ConfirmActionModal pending={confirmation} onClose={() => setConfirmation(null)} />
    </Stack>
  );
}

function AccessSwitchForm({
  contactId,
  access,
  confirm,
}: {
  contactId: string;
  access: PortalAccess;
  confirm: (pending: PendingConfirmation) => void;
}) {
  const actions = usePortalAccessActions(contactId);
  const form = useForm({
    initialValues: {
      portalEmail: access.portalEmail ?? access.suggestedEmail ?? '',
      enabled: access.enabled,
      invite: true,
    },
  });
  const { setValues } = form;
  useEffect(() => {
    setValues({ portalEmail: access.portalEmail ?? access.suggestedEmail ?? '', enabled: access.enabled });
  }, [access.portalEmail, access.suggestedEmail, access.enabled, setValues]);
  const setUp = access.state === 'active' || access.state === 'locked';
  const [emailChange, setEmailChange] = useState<{ portalEmail: string; sendCredentialCreateEmail: boolean } | null>(
    null,
  );

  const submit = form.onSubmit((values) => {
    if (!values.enabled && access.enabled) {
      confirm({
        title: 'Turn portal access off?',
        message:
          'The contact is signed out at once, every link already sent stops working, and turning access back on needs a new invitation.',
        confirmLabel: 'Turn off',
        onConfirm: () =>
          actions.revoke.mutate(undefined, {
            onSuccess: () =>
              notifications.show({
                color: 'teal',
                title: 'Portal access turned off',
                message: 'Sessions ended and links revoked.',
              }),
            onError: showError,
          }),
      });
      return;
    }
    if (!values.enabled) return;
    const body = { portalEmail: values.portalEmail, sendCredentialCreateEmail: values.invite && !setUp };
    // Moving an existing login to another address needs a step-up and a reason.
    if (access.portalEmail && access.portalEmail.toLowerCase() !== values.portalEmail.trim().toLowerCase()) {
      setEmailChange(body);
      return;
    }
    actions.grant.mutate(body, {
      onSuccess: (result) =>
        notifications.show({
          color: 'teal',
          title: 'Portal access saved',
          message: result.credentialCreateEmailQueued
            ? `A credential-create email is on its way to ${result.access.portalEmail}.`
            : result.access.accountInactive
              ? 'No email was sent: the account is inactive.'
              : !result.access.accountAccessEnabled
                ? 'No email yet: the setup link goes out when “Activate portal access” is switched on for the account.'
                : 'No email was sent.',
        }),
      onError: (error) =>
        error instanceof ApiRequestError && error.fields.length
          ? form.setErrors(error.fieldErrors())
          : showError(error),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Portal email"
            description="The contact signs in with it and receives every access email"
            type="email"
            w={320}
            {...form.getInputProps('portalEmail')}
          />
          <Switch label="Portal access" mb={8} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <RequiresPermission permission="customerSetup">
            <Button type="submit" size="sm" loading={actions.grant.isPending || actions.revoke.isPending}>
              Save
            </Button>
          </RequiresPermission>
        </Group>
        {form.values.enabled && !setUp ? (
          <Checkbox
            label="Email a credential-create link when saving"
            {...form.getInputProps('invite', { type: 'checkbox' })}
          />
        ) : null}
      </Stack>
      <StepUpModal
        opened={emailChange !== null}
        onClose={() => setEmailChange(null)}
        title="Change the portal email"
        confirmLabel="Change email"
        onConfirm={async (reason) => {
          if (!emailChange) return;
          await actions.grant.mutateAsync({ ...emailChange, reason });
          notifications.show({
            color: 'teal',
            title: 'Portal email changed',
            message: 'Links already sent to the old address stop working.',
          });
        }}
      >
        The login moves to {emailChange?.portalEmail}; links already sent stop working.
      </StepUpModal>
    </form>
  );
}

function UsernameForm({
  contactId,
  access,
  onDelete,
}: {
  contactId: string;
  access: PortalAccess;
  onDelete: (() => void) | null;
}) {
  const actions = usePortalAccessActions(contactId);
  const form = useForm({ initialValues: { username: access.username ?? '' } });
  const { setValues } = form;
  useEffect(() => setValues({ username: access.username ?? '' }), [access.username, setValues]);
  const submit = form.onSubmit(({ username }) =>
    actions.updateUsername.mutate(username, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: 'Username updated',
          message: 'Tell the contact their new username.',
        }),
      onError: (error) =>
        error instanceof ApiRequestError && error.fields.length
          ? form.setErrors(error.fieldErrors())
          : showError(error),
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm">
        <TextInput label="Portal username" placeholder="Not set yet" w={320} {...form.getInputProps('username')} />
        <RequiresPermission permission="customerSetup">
          <Button type="submit" variant="default" size="sm" loading={actions.updateUsername.isPending}>
            Update
          </Button>
        </RequiresPermission>
        {onDelete ? (
          <RequiresPermission permission="customerSetup">
            <Button variant="subtle" color="red" size="sm" onClick={onDelete}>
              Delete
            </Button>
          </RequiresPermission>
        ) : null}
      </Group>
    </form>
  );
}

function AccessTimeline({ contactId }: { contactId: string }) {
  const timeline = useQuery(portalAccessTimelineQuery(contactId));
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        Access timeline
      </Title>
      <Text size="xs" c="dimmed">
        Links sent and what happened to them, sign-ins and lockouts. If a link was never opened, check the portal email
        and ask the contact to look in their junk or spam folder.
      </Text>
      <ErrorAlert error={timeline.error} />
      {timeline.isPending ? <Loader size="sm" aria-label="Loading the access timeline" /> : null}
      {timeline.data && timeline.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing yet.
        </Text>
      ) : null}
      {timeline.data && timeline.data.items.length > 0 ? (
        <Table.ScrollContainer
          minWidth={640}
          scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': 'Access timeline, scrolls sideways' } }}
        >
          <Table striped verticalSpacing="xs" aria-label="Access timeline">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Link</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {timeline.data.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <Text size="sm">{new Date(entry.occurredAt).toLocaleString()}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{describeEvent(entry)}</Text>
                    {entry.detail ? (
                      <Text size="xs" c="dimmed">
                        {entry.detail}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {entry.actorName ??
                        (entry.actorKind === 'customer'
                          ? 'Contact'
                          : entry.actorKind === 'anonymous'
                            ? `Visitor${entry.ipAddress ? ` (${entry.ipAddress})` : ''}`
                            : 'System')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {entry.recipients.length > 0 ? (
                      // One message per address: each shows its own delivery.
                      <Stack gap="xs">
                        {entry.recipients.map((recipient) => (
                          <Stack key={recipient.email} gap={2} align="flex-start">
                            <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                              {recipient.email}
                            </Text>
                            <Badge variant="light" color={DELIVERY_LABELS[recipient.delivery].color}>
                              {DELIVERY_LABELS[recipient.delivery].label}
                            </Badge>
                          </Stack>
                        ))}
                      </Stack>
                    ) : entry.delivery ? (
                      <Badge variant="light" color={DELIVERY_LABELS[entry.delivery].color}>
                        {DELIVERY_LABELS[entry.delivery].label}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {entry.linkState ? (
                      <Badge variant="light" color={LINK_STATE_LABELS[entry.linkState].color}>
                        {LINK_STATE_LABELS[entry.linkState].label}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
