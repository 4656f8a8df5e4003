import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { NewPasswordFields, validateConfirmation, validateNewPassword } from '../access/new-password-fields.tsx';
import { customerSessionQuery, useChangeCustomerPassword } from './portal-session.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

/** Change password; after a staff-set temporary password this is the only page the session can use. */
export function PortalChangePasswordPage() {
  const { data: session } = useSuspenseQuery(customerSessionQuery);
  const navigate = useNavigate();
  const change = useChangeCustomerPassword();
  const form = useForm({
    initialValues: { currentPassword: '', password: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : 'Enter your current password'),
      password: validateNewPassword,
      confirmPassword: validateConfirmation,
    },
  });
  const submit = form.onSubmit(({ currentPassword, password }) => {
    change.mutate(
      { currentPassword, newPassword: password },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            title: 'Password changed',
            message: 'Your other sessions were signed out.',
          });
          void navigate({ to: '/portal/home' });
        },
        onError: (error) => {
          if (error instanceof ApiRequestError && error.fields.length) {
            const fields = error.fieldErrors();
            form.setErrors({ currentPassword: fields.currentPassword, password: fields.newPassword });
          }
        },
      },
    );
  });
  return (
    <Page
      title={session.mustChangePassword ? 'Choose your own password' : 'Change your password'}
      description={
        session.mustChangePassword
          ? 'You signed in with a temporary password. Choose your own before continuing.'
          : 'At least 15 characters. A few unrelated words make a strong, memorable password.'
      }
    >
      <form onSubmit={submit} noValidate style={{ maxWidth: 420 }}>
        <Stack>
          <ErrorAlert error={formLevelError(change.error)} />
          <PasswordInput
            label={session.mustChangePassword ? 'Temporary password' : 'Current password'}
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordFields form={form} />
          <Button type="submit" loading={change.isPending}>
            Save password
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
