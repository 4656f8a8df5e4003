import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { SignUpLink } from '../registration/sign-up-link.tsx';

/** Customer sign-in; the portal-access feature wires it to the API. */
export function PortalSignInPage() {
  const form = useForm({ initialValues: { login: '', password: '' } });
  return (
    <AuthLayout surface="Customer portal" title="Sign in to your portal" description="Schedule turns, approve add-ons and follow the make-ready of every unit.">
      <form onSubmit={form.onSubmit(() => undefined)} noValidate>
        <Stack>
          <TextInput label="Username or email" autoComplete="username" {...form.getInputProps('login')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" fullWidth>Sign in</Button>
          <Anchor size="sm" ta="center" c="dimmed">Forgot your password?</Anchor>
          <SignUpLink />
        </Stack>
      </form>
    </AuthLayout>
  );
}
