import { Button, Center, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import type {
  AccessLinkInspection,
  RedeemedAccessLink,
  SignInNotice,
} from '../../../shared/portal-access-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { checkUsernameAvailability, inspectAccessLink, useRedeemAccessLink } from '../session/portal-session.ts';
import { NewPasswordFields, validateConfirmation, validateNewPassword } from './new-password-fields.tsx';

type ValidLink = Extract<AccessLinkInspection, { status: 'valid' }>;

const NOTICE_FOR_PROBLEM: Record<Exclude<AccessLinkInspection['status'], 'valid'>, SignInNotice> = {
  used: 'link_used',
  expired: 'link_expired',
  invalid: 'link_invalid',
};

const NOTICE_AFTER: Record<Exclude<RedeemedAccessLink['outcome'], 'signed_in'>, SignInNotice> = {
  credentials_set: 'credentials_set',
  password_reset: 'password_reset',
  email_verified: 'email_verified',
};

const STORAGE_KEY = 'portico.accessLink';

const linkLandingRouteApi = getRouteApi('/portal/link/$token');

export function AccessLinkLandingRoute() {
  const { token } = linkLandingRouteApi.useParams();
  return <AccessLinkLandingPage token={token} />;
}

/**
 * Where an emailed link lands: the token moves out of the address bar (and so out of history and
 * any Referer) into this tab's session storage, then the confirm page takes over.
 */
export function AccessLinkLandingPage({ token }: { token: string }) {
  const navigate = useNavigate();
  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, token);
    void navigate({ to: '/portal/link', replace: true });
  }, [token, navigate]);
  return (
    <Center mih="100vh">
      <Loader aria-label="Checking your link" />
    </Center>
  );
}

/**
 * The confirm page every emailed link opens: loading it never uses the link (mail scanners open
 * links); only the button below does.
 */
export function AccessLinkPage() {
  const navigate = useNavigate();
  const token = sessionStorage.getItem(STORAGE_KEY) ?? '';
  const inspection = useQuery({
    queryKey: ['access-link', token],
    queryFn: () => inspectAccessLink(token),
    enabled: token.length > 0,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });

  useEffect(() => {
    const data = inspection.data;
    const problem =
      !token || inspection.error
        ? 'link_invalid'
        : data && data.status !== 'valid'
          ? NOTICE_FOR_PROBLEM[data.status]
          : null;
    if (problem) void navigate({ to: '/portal/sign-in', search: { notice: problem }, replace: true });
  }, [token, inspection.data, inspection.error, navigate]);

  if (inspection.data?.status !== 'valid') {
    return (
      <Center mih="100vh">
        <Loader aria-label="Checking your link" />
      </Center>
    );
  }
  return <LinkForm token={token} link={inspection.data} />;
}

function LinkForm({ token, link }: { token: string; link: ValidLink }) {
  const navigate = useNavigate();
  const redeem = useRedeemAccessLink();
  const needsUsername = link.form === 'credentials';
  const needsPassword = link.form === 'credentials' || link.form === 'new_password';
  const form = useForm({
    initialValues: { username: link.username ?? '', password: '', confirmPassword: '' },
    validate: {
      username: (value) =>
        needsUsername && value.trim().length < 3 ? 'Choose a username of at least 3 characters' : null,
      password: (value) => (needsPassword ? validateNewPassword(value) : null),
      confirmPassword: (value, values) => (needsPassword ? validateConfirmation(value, values) : null),
    },
  });

  const [debouncedUsername] = useDebouncedValue(form.values.username.trim(), 350);
  const availability = useQuery({
    queryKey: ['username-availability', token, debouncedUsername],
    queryFn: () => checkUsernameAvailability(token, debouncedUsername),
    enabled: needsUsername && debouncedUsername.length >= 3,
    retry: false,
  });

  const submit = form.onSubmit((values) => {
    redeem.mutate(
      {
        token,
        ...(needsUsername ? { username: values.username.trim() } : {}),
        ...(needsPassword ? { password: values.password } : {}),
      },
      {
        onSuccess: ({ outcome }) => {
          if (outcome === 'signed_in') void navigate({ to: '/portal/home', replace: true });
          else void navigate({ to: '/portal/sign-in', search: { notice: NOTICE_AFTER[outcome] }, replace: true });
        },
        onError: (error) => {
          if (error instanceof ApiRequestError && error.code === 'invalid_link') {
            void navigate({ to: '/portal/sign-in', search: { notice: 'link_invalid' }, replace: true });
          } else if (error instanceof ApiRequestError && error.fields.length) {
            form.setErrors(error.fieldErrors());
          }
        },
      },
    );
  });

  const copy = {
    credentials: {
      title: 'Set up your portal login',
      description: `Welcome, ${link.firstName}. Choose a username and a password. You can sign in with either your username or your email.`,
      button: 'Create my login',
    },
    new_password: {
      title: 'Choose a new password',
      description: `Hello ${link.firstName}. Choose a new password for your portal login.`,
      button: 'Save new password',
    },
    sign_in: {
      title: 'Sign in to your portal',
      description: `Hello ${link.firstName}. Continue to sign in with this one-time link.`,
      button: 'Continue to the portal',
    },
    verify_email: {
      title: 'Confirm your email',
      description: `Hello ${link.firstName}. Confirm this is your email address to finish setting up your login.`,
      button: 'Confirm my email',
    },
  }[link.form];

  const usernameStatus =
    availability.data && debouncedUsername === form.values.username.trim() ? (
      availability.data.available ? (
        <Text component="span" size="xs" c="teal">
          This username is available.
        </Text>
      ) : null
    ) : null;
  const usernameError =
    form.errors.username ??
    (availability.data && !availability.data.available && debouncedUsername === form.values.username.trim()
      ? availability.data.message
      : null);

  return (
    <AuthLayout surface="Customer portal" title={copy.title} description={copy.description}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert
            error={
              redeem.error instanceof ApiRequestError &&
              (redeem.error.fields.length || redeem.error.code === 'invalid_link')
                ? null
                : redeem.error
            }
          />
          {needsUsername ? (
            <TextInput
              label="Username"
              autoComplete="username"
              autoFocus
              description={usernameStatus ?? 'Letters, digits, dots, dashes and underscores.'}
              {...form.getInputProps('username')}
              error={usernameError}
            />
          ) : null}
          {needsPassword ? <NewPasswordFields form={form} label={needsUsername ? 'Password' : 'New password'} /> : null}
          <Button type="submit" loading={redeem.isPending} fullWidth>
            {copy.button}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            This link works once and expires {new Date(link.expiresAt).toLocaleString()}.
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
