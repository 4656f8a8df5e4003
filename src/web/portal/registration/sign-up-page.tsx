import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { IconMailCheck } from '@tabler/icons-react';
import { ApiRequestError } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { publicRegistrationSettingsQuery, useRegisterWithPortalKey } from './registration-api.ts';
import { SignUpUnavailable } from './sign-up-unavailable.tsx';
import { formLevelError } from '../../ui/form-feedback.ts';

/** Sign-up with the portal key and account number from a welcome letter or the portal-key email. */
export function SignUpPage() {
  const { data: settings } = useSuspenseQuery(publicRegistrationSettingsQuery);
  const search: { accountNumber?: string } = useSearch({ strict: false });
  const register = useRegisterWithPortalKey();
  const form = useForm({
    initialValues: {
      accountNumber: search.accountNumber ?? '',
      portalKey: '',
      firstName: '',
      lastName: '',
      email: '',
      password: '',
      confirmPassword: '',
    },
    validate: {
      accountNumber: (value) => (value.trim() ? null : 'Enter your account number'),
      portalKey: (value) => (value.trim() ? null : 'Enter your portal key'),
      firstName: (value) => (value.trim() ? null : 'Enter your first name'),
      lastName: (value) => (value.trim() ? null : 'Enter your last name'),
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid email address'),
      password: (value) => ([...value].length >= 15 ? null : 'Use at least 15 characters'),
      confirmPassword: (value, values) => (value === values.password ? null : 'The passwords do not match'),
    },
  });

  if (!settings.selfRegistrationEnabled) return <SignUpUnavailable />;

  if (register.data) {
    return (
      <AuthLayout surface="Customer portal" title="Check your email to verify your address">
        <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />}>
          We sent a link to <strong>{register.data.email}</strong>. Open it to verify your address, then sign in with
          your email and password.
        </Alert>
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/portal/sign-in">
            Go to sign in
          </Anchor>
        </Text>
      </AuthLayout>
    );
  }

  const submit = form.onSubmit(({ confirmPassword: _confirm, ...body }) => {
    register.mutate(body, {
      onError: (error) => {
        if (error instanceof ApiRequestError && error.fields.length) form.setErrors(error.fieldErrors());
      },
    });
  });

  return (
    <AuthLayout
      surface="Customer portal"
      title="Sign up for the portal"
      description="Use the account number and portal key from your welcome letter or our email."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(register.error)} />
          <TextInput label="Account number" autoFocus {...form.getInputProps('accountNumber')} />
          <TextInput label="Portal key" autoComplete="off" spellCheck={false} {...form.getInputProps('portalKey')} />
          <Group grow>
            <TextInput label="First name" autoComplete="given-name" {...form.getInputProps('firstName')} />
            <TextInput label="Last name" autoComplete="family-name" {...form.getInputProps('lastName')} />
          </Group>
          <TextInput label="Email" type="email" autoComplete="email" {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            description="At least 15 characters. A few unrelated words work well."
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Confirm password"
            autoComplete="new-password"
            {...form.getInputProps('confirmPassword')}
          />
          <Button type="submit" loading={register.isPending} fullWidth>
            Sign up
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/portal/sign-up/request">
              I do not have a valid key
            </Anchor>
          </Text>
          <Text size="sm" ta="center" c="dimmed">
            Already have a login?{' '}
            <Anchor component={Link} to="/portal/sign-in">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
