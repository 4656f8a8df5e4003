import type {
  AccessTimelineEntry,
  AccessTokenPurpose,
  PortalAccessState,
} from '../../../shared/portal-access-contracts.ts';

export const STATE_LABELS: Record<PortalAccessState, { label: string; color: string; help: string }> = {
  no_access: { label: 'No portal access', color: 'gray', help: 'Enter the portal email and turn portal access on.' },
  deactivated: {
    label: 'Deactivated',
    color: 'red',
    help: 'Portal access is off. Turning it back on needs a new invitation.',
  },
  no_username: {
    label: 'No username',
    color: 'yellow',
    help: 'The contact has not set up a login yet. Send the credential-create email.',
  },
  not_activated: {
    label: 'Username set, not activated',
    color: 'orange',
    help: 'A username is reserved but no password is set yet. Send the credential-create email.',
  },
  active: { label: 'Active', color: 'teal', help: 'The contact can sign in.' },
  locked: { label: 'Locked', color: 'red', help: 'Too many failed sign-ins. Unlock, or send a password reset.' },
};

export const PURPOSE_LABELS: Record<AccessTokenPurpose, string> = {
  credential_create: 'Credential-create link',
  password_reset: 'Password reset link',
  login_link: 'Login link',
  welcome: 'Welcome email',
  email_verification: 'Email verification link',
};

const EVENT_LABELS: Record<string, string> = {
  access_granted: 'Portal access granted',
  access_revoked: 'Portal access deactivated',
  portal_email_changed: 'Portal email changed',
  link_sent: 'Sent',
  link_opened: 'Opened',
  link_used: 'Used',
  link_rejected: 'Rejected (already used, expired or replaced)',
  signed_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  locked: 'Locked after failed sign-ins',
  unlocked: 'Unlocked',
  password_changed: 'Password changed',
  temporary_password_set: 'Temporary password created',
  username_changed: 'Username changed',
  username_deleted: 'Username deleted',
  account_access_off: 'Account portal access switched off',
  viewed_as: 'Staff viewed the portal as this contact',
};

export function describeEvent(entry: AccessTimelineEntry): string {
  const event = EVENT_LABELS[entry.kind] ?? entry.kind;
  return entry.purpose ? `${PURPOSE_LABELS[entry.purpose]}: ${event.toLowerCase()}` : event;
}

export const DELIVERY_LABELS: Record<NonNullable<AccessTimelineEntry['delivery']>, { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  sending: { label: 'Sending', color: 'blue' },
  sent: { label: 'Delivered to mail server', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled (replaced)', color: 'gray' },
  skipped: { label: 'Not sent (expired)', color: 'orange' },
  disabled: { label: 'Email kind switched off', color: 'orange' },
};

export const LINK_STATE_LABELS: Record<
  NonNullable<AccessTimelineEntry['linkState']>,
  { label: string; color: string }
> = {
  unopened: { label: 'Not opened', color: 'gray' },
  opened: { label: 'Opened, not used', color: 'yellow' },
  used: { label: 'Used', color: 'teal' },
  expired: { label: 'Expired', color: 'orange' },
  superseded: { label: 'Replaced or revoked', color: 'gray' },
};
