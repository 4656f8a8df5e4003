import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { useChangeStaffPassword } from './staff-session.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

export function ChangeStaffPasswordPage() {
  const navigate = useNavigate();
  const change = useChangeStaffPassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : 'Enter your current password'),
      newPassword: (value) => ([...value].length >= 15 ? null : 'Use at least 15 characters'),
      confirmPassword: (value, values) => (value === values.newPassword ? null : 'The passwords do not match'),
    },
  });
  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            title: 'Password changed',
            message: 'Your other sessions were signed out.',
          });
          void navigate({ to: '/console/customers' });
        },
        onError: (error) => {
          if (error instanceof ApiRequestError) form.setErrors(error.fieldErrors());
        },
      },
    );
  });
  return (
    <Page
      title="Change your password"
      description="At least 15 characters. A few unrelated words make a strong, memorable password."
    >
      <form onSubmit={submit} noValidate style={{ maxWidth: 420 }}>
        <Stack>
          <ErrorAlert error={formLevelError(change.error)} />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput label="New password" autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            {...form.getInputProps('confirmPassword')}
          />
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
