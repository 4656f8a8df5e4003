import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { ApiRequestError } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useSignInStaff } from './staff-session.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

export function StaffSignInPage() {
  const navigate = useNavigate();
  const signIn = useSignInStaff();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter your work email'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit((values) => {
    signIn.mutate(values, {
      onSuccess: (session) =>
        void navigate({ to: session.mustChangePassword ? '/console/password' : '/console/customers' }),
      onError: (error) => {
        if (error instanceof ApiRequestError && error.fields.length) form.setErrors(error.fieldErrors());
      },
    });
  });

  return (
    <AuthLayout surface="Staff console" title="Sign in" description="Use your Portico staff account.">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(signIn.error)} />
          <TextInput label="Email" type="email" autoComplete="username" autoFocus {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
