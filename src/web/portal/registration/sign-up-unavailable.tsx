import { Anchor, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { AuthLayout } from '../../ui/auth-layout.tsx';

/** Shown instead of the sign-up forms while the vendor has self-registration switched off. */
export function SignUpUnavailable() {
  return (
    <AuthLayout
      surface="Customer portal"
      title="Signing up is not available"
      description="Ask your contact at our company to create your portal login."
    >
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/portal/sign-in">
          Back to sign in
        </Anchor>
      </Text>
    </AuthLayout>
  );
}
