import type { Db } from '../../db/database.ts';
import type { AccountsTable } from '../../db/database-schema.ts';

/** One computed checklist item: the data tells whether it is done. */
export interface OnboardingCheck {
  key: string;
  label: string;
  done: boolean;
  /** What to do when it is not done. */
  hint: string | null;
  phase?: 'before' | 'day_of';
}

/**
 * Other features (catalog: service profile, pricelist, pro preferences; portal-access: contact portal
 * access) contribute computed checklist items by registering a provider from deps.ts.
 */
export interface OnboardingCheckProvider {
  checks(db: Db, account: AccountsTable): Promise<OnboardingCheck[]>;
}

/** Items staff tick off by hand: the "To Do Before Day of Onboard" and "Day of Onboard" lists. */
export const MANUAL_ONBOARDING_ITEMS = [
  {
    key: 'portal_checked_services',
    phase: 'before',
    label: 'Logged in to the portal to check Setup Services (right services, order and vendors)',
  },
  {
    key: 'portal_checked_pricing',
    phase: 'before',
    label: 'Checked floorplans and the pricelist (standard services and add-ons) in the portal',
  },
  {
    key: 'portal_test_turn',
    phase: 'before',
    label: 'Started a turn in the portal to see services and add-ons (not saved)',
  },
  {
    key: 'day_of_password_resets',
    phase: 'day_of',
    label: 'Day of onboard: triggered a password reset for each contact',
  },
  {
    key: 'day_of_portal_ready',
    phase: 'day_of',
    label: 'Day of onboard: still associated to the property and signed in to the portal, ready to share',
  },
] as const;

export type ManualOnboardingItemKey = (typeof MANUAL_ONBOARDING_ITEMS)[number]['key'];

export function isManualOnboardingItem(key: string): key is ManualOnboardingItemKey {
  return MANUAL_ONBOARDING_ITEMS.some((item) => item.key === key);
}

export interface OnboardingFacts {
  account: Pick<AccountsTable, 'status' | 'portalAccessEnabled'>;
  hasStaffContact: boolean;
  contacts: Array<{ name: string; mainAccountId: string | null; linkedAccountIds: string[] }>;
}

/** The checks customers itself can compute from account and contact data. */
export function accountOnboardingChecks(facts: OnboardingFacts): OnboardingCheck[] {
  const withoutMain = facts.contacts.filter(
    (contact) => !contact.mainAccountId || !contact.linkedAccountIds.includes(contact.mainAccountId),
  );
  return [
    {
      key: 'account_current',
      label: 'Account status is current',
      done: facts.account.status === 'current',
      hint: facts.account.status === 'current' ? null : 'Set the account status to current.',
    },
    {
      key: 'portal_access_activated',
      label: '"Activate portal access" is on',
      done: facts.account.portalAccessEnabled === 1,
      hint: facts.account.portalAccessEnabled === 1 ? null : 'Switch portal access on in the account header.',
    },
    {
      key: 'staff_contact_linked',
      label: 'Your contact is in the All Contacts list',
      done: facts.hasStaffContact,
      hint: facts.hasStaffContact ? null : 'Use "Add my contact" on the Contacts tab.',
    },
    {
      key: 'contacts_main_account',
      label: 'Every contact has the right main property',
      done: facts.contacts.length > 0 && withoutMain.length === 0,
      hint:
        facts.contacts.length === 0
          ? 'Add the property contacts first.'
          : withoutMain.length
            ? `Set the main property for ${withoutMain.map((contact) => contact.name).join(', ')}.`
            : null,
    },
  ];
}
