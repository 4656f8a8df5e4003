import {
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  Loader,
  Modal,
  NavLink,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { IconMail, IconMessage, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type {
  MessagePreview as MessagePreviewData,
  MessageTemplateView,
  OutboxChannel,
} from '../../../shared/notifications-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { MessagePreview } from '../../ui/message-preview.tsx';
import { Page } from '../../ui/page.tsx';
import { staffSessionQuery } from '../session/staff-session.ts';
import {
  messageTemplatesQuery,
  notificationSettingsQuery,
  usePreviewMessageTemplate,
  useResetMessageTemplate,
  useSendTestMessage,
  useUpdateMessageTemplate,
  useUpdateNotificationSetting,
} from './notifications-api.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

export function NotificationsPage() {
  return (
    <Page
      title="Notifications"
      description="The emails and text messages Portico sends: their templates, which ones are switched on, and a test send."
    >
      <Tabs defaultValue="templates" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="templates">Templates</Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="templates" pt="lg">
          <TemplatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="lg">
          <SettingsPanel />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}

function useIsAdmin(): boolean {
  return useSuspenseQuery(staffSessionQuery).data.staffMember.role === 'admin';
}

function TemplatesPanel() {
  const templates = useQuery(messageTemplatesQuery);
  const [selectedKind, setSelectedKind] = useState<string | null>(null);
  if (templates.isLoading) return <Loader aria-label="Loading templates" />;
  if (templates.error) return <ErrorAlert error={templates.error} />;
  const items = templates.data?.items ?? [];
  if (items.length === 0) return <Text c="dimmed">No message types are defined.</Text>;
  const selected = items.find((item) => item.kind === selectedKind) ?? items[0]!;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Card withBorder padding="xs">
          {items.map((item) => (
            <NavLink
              key={item.kind}
              active={item.kind === selected.kind}
              label={item.label}
              description={item.isCustomized ? 'Customized' : 'Default template'}
              leftSection={item.channel === 'email' ? <IconMail size={18} /> : <IconMessage size={18} />}
              onClick={() => setSelectedKind(item.kind)}
            />
          ))}
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <TemplateEditor key={`${selected.kind}:${selected.updatedAt ?? 'default'}`} template={selected} />
      </Grid.Col>
    </Grid>
  );
}

function TemplateEditor({ template }: { template: MessageTemplateView }) {
  const isAdmin = useIsAdmin();
  const form = useForm({ initialValues: { subject: template.subject, html: template.html, text: template.text } });
  const update = useUpdateMessageTemplate(template.kind);
  const reset = useResetMessageTemplate(template.kind);
  const preview = usePreviewMessageTemplate(template.kind);
  const [previewed, setPreviewed] = useState<MessagePreviewData | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const isEmail = template.channel === 'email';
  const showFieldErrors = (error: Error) => {
    if (error instanceof ApiRequestError) form.setErrors(error.fieldErrors());
  };
  const fieldLevel = (error: unknown) => formLevelError(error);

  return (
    <Card withBorder padding="lg">
      <Stack>
        <div>
          <Group gap="xs">
            <Title order={2} size="h4">
              {template.label}
            </Title>
            {template.isCustomized ? (
              <Badge variant="light">Customized</Badge>
            ) : (
              <Badge variant="light" color="gray">
                Default
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {template.description}
          </Text>
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Merge tags
          </Text>
          <Group gap={6}>
            {template.mergeTags.map((tag) => (
              <Code key={tag}>{`{{${tag}}}`}</Code>
            ))}
          </Group>
        </div>
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            update.mutate(values, {
              onSuccess: () =>
                notifications.show({
                  color: 'teal',
                  title: 'Template saved',
                  message: `${template.label} messages use the new template from now on.`,
                }),
              onError: showFieldErrors,
            }),
          )}
        >
          <Stack>
            <ErrorAlert error={fieldLevel(update.error) ?? fieldLevel(preview.error)} />
            {isEmail ? <TextInput label="Subject" disabled={!isAdmin} {...form.getInputProps('subject')} /> : null}
            {isEmail ? (
              <Textarea
                label="HTML body"
                autosize
                minRows={6}
                maxRows={16}
                disabled={!isAdmin}
                styles={{ input: { fontFamily: 'monospace' } }}
                {...form.getInputProps('html')}
              />
            ) : null}
            <Textarea
              label={isEmail ? 'Text body' : 'Message'}
              autosize
              minRows={4}
              maxRows={12}
              disabled={!isAdmin}
              styles={{ input: { fontFamily: 'monospace' } }}
              {...form.getInputProps('text')}
            />
            <Group>
              <Button
                variant="default"
                loading={preview.isPending}
                onClick={() => {
                  form.clearErrors();
                  preview.mutate(form.getValues(), { onSuccess: setPreviewed, onError: showFieldErrors });
                }}
              >
                Preview
              </Button>
              {isAdmin ? (
                <Button type="submit" loading={update.isPending}>
                  Save template
                </Button>
              ) : null}
              {isAdmin && template.isCustomized ? (
                <Button variant="subtle" color="red" onClick={() => setConfirmingReset(true)}>
                  Reset to default
                </Button>
              ) : null}
            </Group>
            {!isAdmin ? (
              <Text size="sm" c="dimmed">
                Only staff admins can change templates.
              </Text>
            ) : null}
          </Stack>
        </form>
        {previewed ? (
          <Card withBorder bg="gray.0">
            <Text size="sm" fw={600} mb="xs">
              Preview with sample data
            </Text>
            <MessagePreview
              title="Template preview"
              subject={isEmail ? previewed.subject : null}
              html={isEmail ? previewed.html : null}
              text={previewed.text}
            />
          </Card>
        ) : null}
      </Stack>
      <Modal opened={confirmingReset} onClose={() => setConfirmingReset(false)} title="Reset to the default template?">
        <Stack>
          <Text size="sm">
            Your changes to the {template.label} template will be discarded and the built-in template used again.
          </Text>
          <ErrorAlert error={reset.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingReset(false)}>
              Keep my template
            </Button>
            <Button
              color="red"
              loading={reset.isPending}
              onClick={() =>
                reset.mutate(undefined, {
                  onSuccess: () => {
                    setConfirmingReset(false);
                    notifications.show({
                      color: 'teal',
                      title: 'Template reset',
                      message: `${template.label} uses the default template again.`,
                    });
                  },
                })
              }
            >
              Reset template
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function SettingsPanel() {
  const isAdmin = useIsAdmin();
  const settings = useQuery(notificationSettingsQuery);
  const update = useUpdateNotificationSetting();
  return (
    <Stack gap="xl">
      <Card withBorder padding={0}>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Message</Table.Th>
              <Table.Th>Channel</Table.Th>
              <Table.Th>Sent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {settings.data?.items.map((setting) => (
              <Table.Tr key={setting.kind}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {setting.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {setting.description}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{setting.channel === 'email' ? 'Email' : 'Text message'}</Text>
                </Table.Td>
                <Table.Td>
                  {setting.canBeDisabled ? (
                    <Switch
                      aria-label={`Send ${setting.label}`}
                      checked={setting.enabled}
                      disabled={!isAdmin || update.isPending}
                      onChange={(event) => {
                        const enabled = event.currentTarget.checked;
                        update.mutate(
                          { kind: setting.kind, enabled },
                          {
                            onSuccess: () =>
                              notifications.show({
                                color: 'teal',
                                title: enabled ? 'Switched on' : 'Switched off',
                                message: `${setting.label} messages ${enabled ? 'will be sent' : 'will no longer be sent'}.`,
                              }),
                          },
                        );
                      }}
                    />
                  ) : (
                    <Badge variant="light" color="gray">
                      Always sent
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {settings.isLoading ? (
          <Group justify="center" p="md">
            <Loader size="sm" />
          </Group>
        ) : null}
      </Card>
      <ErrorAlert error={settings.error ?? update.error} />
      <SendTestMessageCard />
    </Stack>
  );
}

function SendTestMessageCard() {
  const send = useSendTestMessage();
  const form = useForm<{ channel: OutboxChannel; to: string }>({
    initialValues: { channel: 'email', to: '' },
    validate: { to: (value) => (value.trim() ? null : 'Enter where to send the test message') },
  });
  const isEmail = form.getValues().channel === 'email';
  return (
    <Card withBorder padding="lg" style={{ maxWidth: 560 }}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          send.mutate(values, {
            onSuccess: () => {
              notifications.show({
                color: 'teal',
                title: 'Test message queued',
                message: 'Follow its delivery on the Outbox page.',
              });
              form.setFieldValue('to', '');
            },
            onError: (error) => {
              if (error instanceof ApiRequestError) form.setErrors(error.fieldErrors());
            },
          }),
        )}
      >
        <Stack>
          <div>
            <Title order={2} size="h4">
              Send a test message
            </Title>
            <Text size="sm" c="dimmed">
              Checks the email (SMTP) or SMS configuration end to end. See the result on the{' '}
              <AnchorLink to="/console/outbox" size="sm">
                Outbox
              </AnchorLink>{' '}
              page.
            </Text>
          </div>
          <SegmentedControl
            aria-label="Channel"
            data={[
              { value: 'email', label: 'Email' },
              { value: 'sms', label: 'Text message' },
            ]}
            {...form.getInputProps('channel')}
          />
          <TextInput
            label={isEmail ? 'Email address' : 'Phone number'}
            placeholder={isEmail ? 'you@example.com' : '+1 512 555 0123'}
            type={isEmail ? 'email' : 'tel'}
            {...form.getInputProps('to')}
          />
          <ErrorAlert error={formLevelError(send.error)} />
          <Group>
            <Button type="submit" leftSection={<IconSend size={16} />} loading={send.isPending}>
              {isEmail ? 'Send test email' : 'Send test text message'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
