import type { SignInNotice } from '../../../shared/portal-access-contracts.ts';

/** Plain explanations for the sign-in page; a dead link lands here instead of an error page. */
export const SIGN_IN_NOTICES: Record<SignInNotice, { color: 'teal' | 'yellow'; title: string; message: string }> = {
  link_used: {
    color: 'yellow',
    title: 'This link was already used',
    message:
      'Each emailed link works once. Sign in with your username or email and password, or use “Forgot your password?” to get a new link.',
  },
  link_expired: {
    color: 'yellow',
    title: 'This link has expired',
    message:
      'For your security, emailed links stop working after a while. Use “Forgot your password?” below, or ask us to send a new link.',
  },
  link_invalid: {
    color: 'yellow',
    title: 'This link no longer works',
    message:
      'A newer link may have been sent, or your password changed since. Use the most recent email, “Forgot your password?”, or ask us for a new link.',
  },
  credentials_set: {
    color: 'teal',
    title: 'Your login is ready',
    message: 'Sign in with your new username (or email) and password.',
  },
  password_reset: { color: 'teal', title: 'Password changed', message: 'Sign in with your new password.' },
  email_verified: { color: 'teal', title: 'Email confirmed', message: 'Thank you. You can sign in now.' },
  signed_out: { color: 'teal', title: 'Signed out', message: 'You have signed out of the portal.' },
  signed_out_everywhere: {
    color: 'teal',
    title: 'Signed out everywhere',
    message: 'Every device that was signed in to your portal login is signed out, this one included.',
  },
  session_ended: {
    color: 'yellow',
    title: 'You were signed out',
    message: 'This device was signed out, from another device or after a while without use. Sign in to continue.',
  },
  password_changed: { color: 'teal', title: 'Password changed', message: 'Sign in with your new password.' },
};
