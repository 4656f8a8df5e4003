import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { AuthLayout } from '../ui/auth-layout.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { formLevelError } from '../ui/form-feedback.ts';
import { useRequestProLink } from './pro-session.ts';
import { PRO_NOTICES, type ProNotice } from './pro-notices.ts';

const signInRouteApi = getRouteApi('/pro/sign-in');

export function ProSignInRoute() {
  const { notice } = signInRouteApi.useSearch();
  return <ProSignInPage notice={notice} />;
}

/** A pro asks for a one-time link by text (their mobile phone) or by email. No passwords. */
export function ProSignInPage({ notice }: { notice?: ProNotice | undefined }) {
  const request = useRequestProLink();
  const [login, setLogin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = login.trim();
    if (value.length < 3) return setError('Enter your mobile phone or email');
    request.mutate(value, {
      onSuccess: () => setSentTo(value),
      onError: (failure) => {
        if (failure instanceof ApiRequestError && failure.fields.length) setError(failure.fields[0]!.message);
      },
    });
  };

  if (sentTo) {
    const byEmail = sentTo.includes('@');
    return (
      <AuthLayout surface="Pro" title={byEmail ? 'Check your email' : 'Check your texts'}>
        <Alert color="teal" variant="light" icon={<IconMessage size={18} />}>
          If {sentTo} belongs to an active pro, a sign-in link is on its way. Open it on this phone. It works once, for
          15 minutes.
        </Alert>
        <Button
          variant="default"
          fullWidth
          onClick={() => {
            request.reset();
            setSentTo(null);
          }}
        >
          Use a different phone or email
        </Button>
      </AuthLayout>
    );
  }

  const shown = notice ? PRO_NOTICES[notice] : null;
  return (
    <AuthLayout surface="Pro" title="Sign in" description="Your services for today and the coming days.">
      {shown ? (
        <Alert color={shown.color} variant="light" title={shown.title}>
          {shown.message}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(request.error)} />
          <TextInput
            label="Mobile phone or email"
            placeholder="(512) 555-0101"
            type="text"
            inputMode="email"
            autoComplete="username"
            size="md"
            autoFocus
            value={login}
            error={error}
            onChange={(event) => {
              setLogin(event.currentTarget.value);
              setError(null);
            }}
          />
          <Button type="submit" size="md" loading={request.isPending} fullWidth>
            Send me a sign-in link
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            A phone number gets a text message, an email address an email.
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
