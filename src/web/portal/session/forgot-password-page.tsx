import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { ApiRequestError } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useRequestPasswordReset } from './portal-session.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const form = useForm({
    initialValues: { login: '' },
    validate: { login: (value) => (value.trim() ? null : 'Enter your username or email') },
  });
  const submit = form.onSubmit((values) => {
    request.mutate(values, {
      onError: (error) => {
        if (error instanceof ApiRequestError && error.fields.length) form.setErrors(error.fieldErrors());
      },
    });
  });
  return (
    <AuthLayout
      surface="Customer portal"
      title="Reset your password"
      description="Enter your username or portal email. We will email you a link to choose a new password."
    >
      {request.isSuccess ? (
        <Alert color="teal" variant="light" title="Check your email">
          {request.data.message}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={formLevelError(request.error)} />
            <TextInput label="Username or email" autoComplete="username" autoFocus {...form.getInputProps('login')} />
            <Button type="submit" loading={request.isPending} fullWidth>
              Email me a reset link
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/portal/sign-in" size="sm" ta="center">
        Back to sign in
      </Anchor>
    </AuthLayout>
  );
}
