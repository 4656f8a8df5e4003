import type { OnboardingPart } from '../../../shared/onboarding-contracts.ts';

export type QuestionKind = 'contact' | 'contacts' | 'choice' | 'yes_no' | 'text' | 'check' | 'phone' | 'billing';

/**
 * Where an answer is stored. Only "session" answers keep their value in the onboarding tables; every other
 * answer is written to the part of the product that obeys it, and read back from there.
 */
export type AnswerHome =
  | 'session'
  | 'service_profile.main_approver'
  | 'service_profile.backup_phone'
  | 'service_profile.photos_required'
  | 'service_profile.pro_requests_direct'
  | 'contact.primary_channel'
  | 'contact.approver_channel'
  | 'contact.schedule_permission'
  | 'billing_profile';

export interface Question {
  key: string;
  part: Exclude<OnboardingPart, 'pre_onboard'>;
  label: string;
  kind: QuestionKind;
  home: AnswerHome;
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** Training items: the portal page ("show me"); `{accountId}` is filled in. */
  portalPath?: string;
}

export const COMMUNICATION_OPTIONS = [
  { value: 'email', label: 'Email' },
  { value: 'sms', label: 'SMS' },
  { value: 'phone_call', label: 'Phone call' },
] as const;

export const CADENCE_OPTIONS = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'biweekly', label: 'Every two weeks' },
  { value: 'monthly', label: 'Monthly' },
  { value: 'as_needed', label: 'As units come up' },
] as const;

const property = (tab: string) => `/portal/properties/{accountId}?tab=${tab}`;
const check = (part: Question['part'], key: string, label: string, portalPath?: string): Question => ({
  key,
  part,
  label,
  kind: 'check',
  home: 'session',
  ...(portalPath ? { portalPath } : {}),
});

/** The onboard meeting, part by part, in the order the PSM asks. */
export const QUESTIONS: readonly Question[] = [
  { key: 'primaryContact', part: 'part1', label: 'Primary point of contact', kind: 'contact', home: 'session' },
  { key: 'backupContact', part: 'part1', label: 'Backup contact', kind: 'contact', home: 'session' },
  {
    key: 'backupMobile',
    part: 'part1',
    label: 'Backup’s mobile number for add-on texts',
    kind: 'phone',
    home: 'service_profile.backup_phone',
  },
  check('part1', 'contactInfoConfirmed', 'Contact information of both confirmed (emails, phones, titles)'),
  {
    key: 'generalCommunication',
    part: 'part1',
    label: 'Preferred method of communication: general communication',
    kind: 'choice',
    home: 'contact.primary_channel',
    options: COMMUNICATION_OPTIONS,
  },
  {
    key: 'approvalCommunication',
    part: 'part1',
    label: 'Preferred method of communication: add-on requests and approvals',
    kind: 'choice',
    home: 'contact.approver_channel',
    options: COMMUNICATION_OPTIONS,
  },
  { key: 'billing', part: 'part1', label: 'Billing info', kind: 'billing', home: 'billing_profile' },
  { key: 'paintSpecs', part: 'part1', label: 'Paint specs (confirmed)', kind: 'text', home: 'session' },
  { key: 'smokeFree', part: 'part1', label: 'Smoke-free property', kind: 'yes_no', home: 'session' },
  { key: 'maskPolicy', part: 'part1', label: 'Mask policy', kind: 'text', home: 'session' },

  {
    key: 'orderCadence',
    part: 'part2',
    label: 'Expected cadence of orders',
    kind: 'choice',
    home: 'session',
    options: CADENCE_OPTIONS,
  },
  {
    key: 'unitsWalked',
    part: 'part2',
    label: 'Units are walked before the order is submitted (add-ons expected up front)',
    kind: 'yes_no',
    home: 'session',
  },
  {
    key: 'addonApprover',
    part: 'part2',
    label: 'Who approves add-ons',
    kind: 'contact',
    home: 'service_profile.main_approver',
  },
  {
    key: 'proRequestsDirect',
    part: 'part2',
    label: 'A pro may request approval directly (no: through official channels)',
    kind: 'yes_no',
    home: 'service_profile.pro_requests_direct',
  },
  {
    key: 'addonPhotosRequired',
    part: 'part2',
    label: 'Photos are required with add-on requests',
    kind: 'yes_no',
    home: 'service_profile.photos_required',
  },
  {
    key: 'scheduleChangers',
    part: 'part2',
    label: 'Who besides the main point of contact may change the schedule',
    kind: 'contacts',
    home: 'contact.schedule_permission',
  },

  check('part3', 'trainingHome', 'Home screen: they see the property name and can click on it', '/portal/home'),
  check('part3', 'trainingCalendar', 'Calendar view: the default view of the property page', property('calendar')),
  check('part3', 'trainingBoard', 'Turn board: walk through the columns briefly', property('board')),
  check(
    'part3',
    'trainingSettings',
    'Property settings: setup services (ours vs in-house, custom service, order), floorplans and pricelists, units, address, users',
    property('settings'),
  ),
  check(
    'part3',
    'trainingCreateTurn',
    'Create a turn: dates from the move-in, changing a date, notes and add-ons, removing a service, the price total',
    property('calendar'),
  ),
  check(
    'part3',
    'trainingBoardUse',
    'Turn board: service statuses, filter, search, default sort by move-in',
    property('board'),
  ),
  check('part3', 'trainingCancel', 'Cancel an entire turn', property('board')),
  check(
    'part3',
    'trainingPos',
    'POs (if needed): default PO, “I don’t know the PO number”, change a PO, a PO per service',
    property('calendar'),
  ),

  check('part4', 'reminderScheduleEarly', 'Schedule early to ensure availability, especially the primary pro'),
  check('part4', 'reminderScope', 'Scope of work details avoid schedule issues and add-on approvals in real time'),
  check('part4', 'reminderPointOfContact', 'Best point of contact for daily ops communication and add-ons confirmed'),
  check('part4', 'reminderUnitReadiness', 'Unit readiness'),
  check('part4', 'reminderTechUsers', 'As many people onsite as possible use the portal (transparency on make-ready)'),
  check('part4', 'reminderTurnProfile', 'Exact turn profile confirmed (a standard profile for the property)'),
  check('part4', 'reminderPros', 'Preferred and secondary pros'),
  check('part4', 'reminderAdvanceScheduling', 'Importance of advance scheduling discussed'),
  { key: 'painPoints', part: 'part4', label: 'Past pain points with other vendors', kind: 'text', home: 'session' },
  { key: 'notes', part: 'part4', label: 'Notes', kind: 'text', home: 'session' },

  check('closing', 'closingTraining', 'Portal training'),
  check('closing', 'closingFirstOrders', 'Customer put in first orders in the portal and seems comfortable with it'),
  check('closing', 'closingOrderingProcess', 'Customer understands the ordering process'),
  check('closing', 'closingInformation', 'All information has been confirmed and/or gathered'),
];

/** The seed's Pre-Onboard list, for the blank outline (an account's outline prints its live checklist). */
export const PRE_ONBOARD_ITEMS = [
  'Account: "Activate portal access" set to yes; your own contact added to All Contacts',
  'Each contact: main property correct, portal email set, portal access yes, record saved',
  'Portal checked: setup services (right services, order and vendors)',
  'Portal checked: floorplans and pricelist (standard services and add-ons)',
  'Started a turn in the portal to see services and add-ons (not saved)',
  'Preferences for pros created on the property',
  'Day of onboard: password reset triggered for each contact',
  'Day of onboard: still associated to the property, signed in to the portal and ready to share',
] as const;

export const CLOSING_KEYS = QUESTIONS.filter((question) => question.part === 'closing').map((question) => question.key);

export function findQuestion(key: string): Question | undefined {
  return QUESTIONS.find((question) => question.key === key);
}

/** An answer counts toward progress once given; an unticked check or empty text is still open. */
export function isAnswered(question: Question, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (question.kind === 'check') return value === true;
  if (question.kind === 'text') return typeof value === 'string' && value.trim() !== '';
  return true;
}

export function channelOfMethod(method: 'email' | 'sms' | 'phone_call'): 'email' | 'sms' | 'none' {
  // A phone call is made by staff; no automatic message goes out.
  return method === 'phone_call' ? 'none' : method;
}

export function methodOfChannel(channel: 'email' | 'sms' | 'none'): 'email' | 'sms' | 'phone_call' {
  return channel === 'none' ? 'phone_call' : channel;
}
