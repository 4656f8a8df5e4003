import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from '@tanstack/react-router';
import type { SignInNotice } from '../../../shared/portal-access-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { SignUpLink } from '../registration/sign-up-link.tsx';
import { useSignInCustomer } from './portal-session.ts';
import { SIGN_IN_NOTICES } from './sign-in-notice.ts';
import { formLevelError } from '../../ui/form-feedback.ts';

/** Customer sign-in with a username or the portal email. */
export function PortalSignInPage({ notice }: { notice?: SignInNotice | undefined }) {
  const navigate = useNavigate();
  const signIn = useSignInCustomer();
  const form = useForm({
    initialValues: { login: '', password: '' },
    validate: {
      login: (value) => (value.trim() ? null : 'Enter your username or email'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });
  const submit = form.onSubmit((values) => {
    signIn.mutate(values, {
      onSuccess: (result) => void navigate({ to: result.mustChangePassword ? '/portal/password' : '/portal/home' }),
      onError: (error) => {
        if (error instanceof ApiRequestError && error.fields.length) form.setErrors(error.fieldErrors());
      },
    });
  });
  const shown = notice ? SIGN_IN_NOTICES[notice] : null;
  return (
    <AuthLayout
      surface="Customer portal"
      title="Sign in to your portal"
      description="Schedule turns, approve add-ons and follow the make-ready of every unit."
    >
      {shown ? (
        <Alert color={shown.color} variant="light" title={shown.title}>
          {shown.message}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(signIn.error)} />
          <TextInput label="Username or email" autoComplete="username" autoFocus {...form.getInputProps('login')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
          <Anchor component={Link} to="/portal/forgot-password" size="sm" ta="center">
            Forgot your password?
          </Anchor>
          <SignUpLink />
        </Stack>
      </form>
    </AuthLayout>
  );
}
