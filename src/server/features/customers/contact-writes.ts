import type { Trx } from '../../db/database.ts';
import { newId } from '../../ids.ts';
import { insertContact, insertContactEmailRow, linkContact } from './contacts-repository.ts';
import { normalizeEmail } from './customers-rules.ts';

/**
 * Contact rows other features create inside their own transaction (a self-registration, a registration
 * request), so the contacts tables keep one writer.
 */
export async function insertAccountContact(
  trx: Trx,
  input: { accountId: string; firstName: string; lastName: string; phone: string | null; email: string; now: string },
): Promise<string> {
  const contactId = newId();
  await insertContact(trx, {
    id: contactId,
    firstName: input.firstName,
    lastName: input.lastName,
    title: null,
    phone: input.phone,
    mainAccountId: input.accountId,
    staffMemberId: null,
    notificationChannel: 'email',
    mayChangeSchedule: 1,
    createdAt: input.now,
    updatedAt: input.now,
  });
  await linkContact(trx, input.accountId, contactId, input.now);
  await insertContactEmail(trx, { contactId, email: input.email, kind: 'primary', now: input.now });
  return contactId;
}

export function insertContactEmail(
  trx: Trx,
  input: { contactId: string; email: string; kind: 'primary' | 'other'; now: string },
): Promise<void> {
  return insertContactEmailRow(trx, {
    id: newId(),
    contactId: input.contactId,
    email: input.email,
    emailNormalized: normalizeEmail(input.email),
    kind: input.kind,
    createdAt: input.now,
  });
}
