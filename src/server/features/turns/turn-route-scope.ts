import type { FastifyRequest } from 'fastify';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import { requireCustomer } from '../../http/access.ts';
import type { TurnScope } from './turn-context.ts';

export const portalTags = ['portal turns'];
export const settingsTags = ['portal property settings'];
export const staffTags = ['turns'];
export const STAFF: TurnScope = { kind: 'staff' };

/** Every portal call runs in the signed-in customer's accounts; nothing else is reachable. */
export function customerScope(request: FastifyRequest): TurnScope & { kind: 'customer' } {
  return { kind: 'customer', accountIds: requireCustomer(request).accountIds };
}

export const missing = { 404: ApiErrorSchema };
export const invalid = { 400: ApiErrorSchema, 404: ApiErrorSchema };
export const changing = { 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema };
