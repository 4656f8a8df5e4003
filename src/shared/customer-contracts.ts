import { z } from 'zod';

export const AccountKindSchema = z.enum(['management_company', 'property']);
export type AccountKind = z.infer<typeof AccountKindSchema>;

export const AccountStatusSchema = z.enum(['prospect', 'current', 'inactive']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;
