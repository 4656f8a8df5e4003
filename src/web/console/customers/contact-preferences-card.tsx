import { Card, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import {
  type Contact,
  type NotificationChannel,
  NOTIFICATION_CHANNEL_LABELS,
  NotificationChannelSchema,
} from '../../../shared/customer-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { notifySaved } from '../../ui/form-feedback.ts';
import { useUpdateContactPreferences } from './customers-api.ts';

const channelOptions = NotificationChannelSchema.options.map((value) => ({
  value,
  label: value === 'none' ? 'None' : value === 'sms' ? 'SMS' : 'Email',
}));

/** Each change saves at once: these are single switches, not a form. */
export function ContactPreferencesCard({ contact }: { contact: Contact }) {
  const update = useUpdateContactPreferences(contact.id);
  const save = (patch: Partial<{ notificationChannel: NotificationChannel; mayChangeSchedule: boolean }>) =>
    update.mutate(
      { notificationChannel: contact.notificationChannel, mayChangeSchedule: contact.mayChangeSchedule, ...patch },
      { onSuccess: () => notifySaved(`${contact.firstName} ${contact.lastName}’s preferences are saved.`) },
    );
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Notifications & portal permission
        </Title>
        <ErrorAlert error={update.error} />
        <div>
          <Text size="sm" fw={500} id="notification-channel-label">
            Turn and approval messages
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            {NOTIFICATION_CHANNEL_LABELS[contact.notificationChannel]}
          </Text>
          <SegmentedControl
            aria-labelledby="notification-channel-label"
            data={channelOptions}
            value={contact.notificationChannel}
            disabled={update.isPending}
            onChange={(value) => save({ notificationChannel: NotificationChannelSchema.parse(value) })}
          />
        </div>
        <Switch
          label="May change the schedule in the portal"
          description="Reschedule, remove a service or cancel a turn. Without it the contact can still order and view."
          checked={contact.mayChangeSchedule}
          disabled={update.isPending}
          onChange={(event) => save({ mayChangeSchedule: event.currentTarget.checked })}
        />
      </Stack>
    </Card>
  );
}
