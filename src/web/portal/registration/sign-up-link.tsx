import { Button, Divider } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { publicRegistrationSettingsQuery } from './registration-api.ts';

/** The sign-in page's "Sign up" button; only there while the vendor allows self-registration. */
export function SignUpLink() {
  const settings = useQuery(publicRegistrationSettingsQuery);
  if (!settings.data?.selfRegistrationEnabled) return null;
  return (
    <>
      <Divider label="New to the portal?" labelPosition="center" />
      <Button component={Link} to="/portal/sign-up" variant="light" fullWidth>
        Sign up
      </Button>
    </>
  );
}
