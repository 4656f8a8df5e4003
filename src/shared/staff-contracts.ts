import { z } from 'zod';

export const StaffRoleSchema = z.enum(['admin', 'psm', 'support']);

export const EmailSchema = z.string().trim().min(3).max(254).email('Enter a valid email address');
// Upper bound checked before any hashing, so a huge password costs nothing.
export const PasswordInputSchema = z.string().min(1, 'Enter your password').max(1024);

export const SignInStaffBodySchema = z.strictObject({
  email: EmailSchema,
  password: PasswordInputSchema,
});
export type SignInStaffBody = z.infer<typeof SignInStaffBodySchema>;

export const StaffMemberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
});

export const StaffSessionSchema = z.object({
  staffMember: StaffMemberSchema,
  mustChangePassword: z.boolean(),
  /** 'pending': give the second factor; 'enrol': the role requires one, set it up first. */
  secondFactor: z.enum(['pending', 'enrol']).nullable(),
  /** Until when sensitive actions need no new confirmation (step-up). */
  reauthenticatedUntil: z.string().nullable(),
  hasSecondFactor: z.boolean(),
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;

export const ChangeStaffPasswordBodySchema = z.strictObject({
  currentPassword: PasswordInputSchema,
  newPassword: z.string().min(1).max(1024),
});
export type ChangeStaffPasswordBody = z.infer<typeof ChangeStaffPasswordBodySchema>;

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['sqlite', 'postgres']),
});
