import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { IconCircleCheck } from '@tabler/icons-react';
import { ApiRequestError } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { publicRegistrationSettingsQuery, useRequestPortalRegistration } from './registration-api.ts';
import { SignUpUnavailable } from './sign-up-unavailable.tsx';
import { formLevelError } from '../../ui/form-feedback.ts';

/** "I do not have a valid key": the visitor asks for a login and our team matches them to their account. */
export function RequestRegistrationPage() {
  const { data: settings } = useSuspenseQuery(publicRegistrationSettingsQuery);
  const request = useRequestPortalRegistration();
  const form = useForm({
    initialValues: {
      firstName: '',
      lastName: '',
      email: '',
      phone: '',
      address: '',
      propertyName: '',
      accountNumber: '',
    },
    validate: {
      firstName: (value) => (value.trim() ? null : 'Enter your first name'),
      lastName: (value) => (value.trim() ? null : 'Enter your last name'),
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid email address'),
      propertyName: (value) => (value.trim() ? null : 'Enter your property or management company'),
    },
  });

  if (!settings.selfRegistrationEnabled) return <SignUpUnavailable />;

  if (request.isSuccess) {
    return (
      <AuthLayout surface="Customer portal" title="We received your request">
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          Our team will match it to your account and email you your account number and portal key, usually within one
          business day.
        </Alert>
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/portal/sign-in">
            Back to sign in
          </Anchor>
        </Text>
      </AuthLayout>
    );
  }

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
      title="Request a portal login"
      description="Tell us who you are and which property you work for. We will send you what you need to sign up."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formLevelError(request.error)} />
          <Group grow>
            <TextInput label="First name" autoComplete="given-name" autoFocus {...form.getInputProps('firstName')} />
            <TextInput label="Last name" autoComplete="family-name" {...form.getInputProps('lastName')} />
          </Group>
          <TextInput label="Email" type="email" autoComplete="email" {...form.getInputProps('email')} />
          <TextInput label="Phone" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
          <TextInput label="Property or management company" {...form.getInputProps('propertyName')} />
          <TextInput label="Address" autoComplete="street-address" {...form.getInputProps('address')} />
          <TextInput label="Account number (optional)" {...form.getInputProps('accountNumber')} />
          <Button type="submit" loading={request.isPending} fullWidth>
            Send request
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/portal/sign-up">
              I have a portal key
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
