import { Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { ApiRequestError } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import type { StaffSession } from '../../../shared/staff-contracts.ts';
import { usePasskeySignIn } from '../security/second-factor-api.ts';
import { useSignInStaff } from './staff-session.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

/** Where a fresh session goes next: the second factor, an enrolment, a password change, or work. */
export function nextStaffPage(session: StaffSession) {
  if (session.secondFactor === 'pending') return '/console/sign-in/verify' as const;
  if (session.secondFactor === 'enrol') return '/console/security' as const;
  return session.mustChangePassword ? ('/console/password' as const) : ('/console/customers' as const);
}

export function StaffSignInPage() {
  const navigate = useNavigate();
  const signIn = useSignInStaff();
  const passkey = usePasskeySignIn();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter your work email'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit((values) => {
    signIn.mutate(values, {
      onSuccess: (session) => void navigate({ to: nextStaffPage(session) }),
      onError: (error) => {
        if (error instanceof ApiRequestError && error.fields.length) form.setErrors(error.fieldErrors());
      },
    });
  });

  return (
    <AuthLayout surface="Staff console" title="Sign in" description="Use your Portico staff account.">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={passkey.error ?? formLevelError(signIn.error)} />
          <TextInput label="Email" type="email" autoComplete="username" autoFocus {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
          <Divider label="or" />
          <Button
            variant="default"
            fullWidth
            loading={passkey.isPending}
            onClick={() =>
              passkey.mutate(undefined, { onSuccess: (session) => void navigate({ to: nextStaffPage(session) }) })
            }
          >
            Sign in with a passkey
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
