import { Anchor, Button, Divider, Stack, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { StaffSession } from '../../../shared/staff-contracts.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useCompleteSecondFactor } from './second-factor-api.ts';

/** The second step of a password sign-in. */
export function SecondFactorSignInPage() {
  const navigate = useNavigate();
  const complete = useCompleteSecondFactor();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const done = (session: StaffSession) =>
    void navigate({ to: session.mustChangePassword ? '/console/password' : '/console/customers' });

  return (
    <AuthLayout surface="Staff console" title="Confirm it is you" description="Your account uses a second factor.">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          complete.mutate(useRecovery ? { method: 'recovery_code', code } : { method: 'totp', code: code.trim() }, {
            onSuccess: done,
          });
        }}
      >
        <Stack>
          <ErrorAlert error={complete.error} />
          <TextInput
            label={useRecovery ? 'Recovery code' : 'Authenticator code'}
            autoComplete="one-time-code"
            inputMode={useRecovery ? 'text' : 'numeric'}
            autoFocus
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
          />
          <Button type="submit" loading={complete.isPending} fullWidth>
            Verify
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={() => setUseRecovery(!useRecovery)}>
            {useRecovery ? 'Use the authenticator app' : 'Use a recovery code'}
          </Anchor>
          <Divider label="or" />
          <Button variant="default" fullWidth onClick={() => complete.mutate('passkey', { onSuccess: done })}>
            Use a passkey
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
