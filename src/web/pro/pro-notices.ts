export const PRO_NOTICE_KEYS = ['link_used', 'link_expired', 'link_invalid', 'signed_out'] as const;
export type ProNotice = (typeof PRO_NOTICE_KEYS)[number];

/** What the sign-in page explains when a link did not work, or after signing out. */
export const PRO_NOTICES: Record<ProNotice, { color: 'teal' | 'yellow'; title: string; message: string }> = {
  link_used: {
    color: 'yellow',
    title: 'This link was already used',
    message: 'Each link works once. Ask for a new one below.',
  },
  link_expired: {
    color: 'yellow',
    title: 'This link has expired',
    message: 'Links work for 15 minutes. Ask for a new one below.',
  },
  link_invalid: {
    color: 'yellow',
    title: 'This link no longer works',
    message: 'A newer link may have been sent. Use the latest one, or ask for a new one below.',
  },
  signed_out: { color: 'teal', title: 'Signed out', message: 'You have signed out on this phone.' },
};
