import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import type { SignInNotice } from '../../../shared/portal-access-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { SignUpLink } from '../registration/sign-up-link.tsx';
import { useSignInCustomer } from './portal-session.ts';
import { SIGN_IN_NOTICES } from './sign-in-notice.ts';
import { type FormEvent, useState } from 'react';
import { formLevelError } from '../../ui/form-feedback.ts';

const signInRouteApi = getRouteApi('/portal/sign-in');

/** The sign-in route: a notice (link used, password reset…) can come in the address. */
export function PortalSignInRoute() {
  const { notice } = signInRouteApi.useSearch();
  return <PortalSignInPage notice={notice} />;
}

/** Customer sign-in with a username or the portal email. */
export function PortalSignInPage({ notice }: { notice?: SignInNotice | undefined }) {
  const navigate = useNavigate();
  const signIn = useSignInCustomer();
  // Two fields in React state rather than @mantine/form: this is the portal's first page on a phone, and the
  // form library (6 KB gzip) would push it over the 150 KB first-load budget.
  const [values, setValues] = useState({ login: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const field = (name: 'login' | 'password') => ({
    value: values[name],
    error: errors[name],
    onChange: (event: { currentTarget: HTMLInputElement }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
      setErrors(({ [name]: _cleared, ...rest }) => rest);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.login.trim()) problems.login = 'Enter your username or email';
    if (!values.password) problems.password = 'Enter your password';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    signIn.mutate(values, {
      onSuccess: (result) => void navigate({ to: result.mustChangePassword ? '/portal/password' : '/portal/home' }),
      onError: (error) => {
        if (error instanceof ApiRequestError && error.fields.length) setErrors(error.fieldErrors());
      },
    });
  };
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
          <TextInput label="Username or email" autoComplete="username" autoFocus {...field('login')} />
          <PasswordInput label="Password" autoComplete="current-password" {...field('password')} />
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
