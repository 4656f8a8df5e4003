import { z } from 'zod';

export const OnboardingPartSchema = z.enum(['pre_onboard', 'part1', 'part2', 'part3', 'part4', 'closing']);
export type OnboardingPart = z.infer<typeof OnboardingPartSchema>;
export const ONBOARDING_PART_LABELS: Record<OnboardingPart, string> = {
  pre_onboard: 'Pre-Onboard',
  part1: 'Part 1 – Customer confirmations',
  part2: 'Part 2 – Ordering habits',
  part3: 'Part 3 – Portal training',
  part4: 'Part 4 – Reminders',
  closing: 'Closing',
};

export const AnswerParamsSchema = z.strictObject({
  accountId: z.string().min(1).max(64),
  questionKey: z.string().min(1).max(64),
});

/** A value and the version the PSM started from (0: never answered); an older version is refused with 409. */
export const SaveAnswerBodySchema = z.strictObject({
  value: z.unknown(),
  expectedVersion: z.number().int().min(0),
});

export const OnboardingAnswerSchema = z.object({
  key: z.string(),
  part: OnboardingPartSchema,
  label: z.string(),
  kind: z.enum(['contact', 'contacts', 'choice', 'yes_no', 'text', 'check', 'phone', 'billing']),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  /** Where the answer is stored: "session" for answers with no other home. */
  home: z.string(),
  /** Portal page that shows this training item, for "show me". */
  portalPath: z.string().nullable(),
  value: z.unknown(),
  answered: z.boolean(),
  version: z.number().int(),
  answeredByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type OnboardingAnswer = z.infer<typeof OnboardingAnswerSchema>;

export const OnboardingSessionSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  state: z.enum(['not_started', 'in_progress', 'complete']),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  progress: z.array(z.object({ part: OnboardingPartSchema, done: z.number().int(), total: z.number().int() })),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      title: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      isStaff: z.boolean(),
    }),
  ),
  answers: z.array(OnboardingAnswerSchema),
  /** The Pre-Onboard step: the account's onboarding checklist. */
  checklist: z.array(z.object({ key: z.string(), label: z.string(), done: z.boolean() })),
});
export type OnboardingSession = z.infer<typeof OnboardingSessionSchema>;
