import type { ActorContext } from '../../actor.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { AccountsTable } from '../../db/database-schema.ts';
import type { PortalLoginsTable } from '../../db/schema/portal-access.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { normalizeEmail } from '../../security/login-throttle.ts';
import { hashPassword } from '../../security/passwords.ts';
import {
  newStamp,
  type PortalAccessCommon,
  type PortalAccessServiceDeps,
  type RequestContext,
} from './portal-access-common.ts';
import * as repository from './portal-access-repository.ts';

/** A policy-checked password, or its argon2id hash when the caller checked and hashed it already. */
export type SelfRegisteredLoginInput = { contactId: string; email: string; actor: ActorContext } & (
  | { password: string }
  | { passwordHash: string }
);

/** What other features call in their own transaction: account changes and self-registration. */
export function createPortalAccessHooks(deps: PortalAccessServiceDeps, common: PortalAccessCommon) {
  const { sessions } = deps;
  const { nowIso, recordEvent, requireContact, killLinks, issueLink, lockContact, sendWait, validateNewPassword } =
    common;

  return {
    /**
     * Account access off: every contact of the account loses its sessions and outstanding links. On:
     * contacts granted before the switch who have not set up their login yet get their setup link now.
     */
    async afterAccountAccessChange(
      trx: Trx,
      account: AccountsTable,
      enabled: boolean,
      context: RequestContext,
    ): Promise<void> {
      const rows = await repository.findContactsWithLoginsOfAccount(trx, account.id);
      for (const row of rows) {
        if (!row.loginId) continue;
        if (enabled) {
          const login = await repository.findLoginById(trx, row.loginId);
          if (!login?.enabled || login.passwordHash) continue;
          // An inactive account switched on still may not use the portal: no setup link yet.
          if ((await repository.findAccessibleAccountIds(trx, row.contactId)).length === 0) continue;
          await lockContact(trx, row.contactId);
          if ((await sendWait(trx, row.contactId, 'credential_create')) > 0) continue;
          const contact = await requireContact(trx, row.contactId);
          await issueLink(trx, { login, contact, purpose: 'credential_create', context });
          continue;
        }
        await killLinks(trx, row.loginId);
        const ended = await sessions.endAllOf(trx, 'customer', [row.loginId]);
        await recordEvent(
          trx,
          {
            contactId: row.contactId,
            loginId: row.loginId,
            kind: 'account_access_off',
            detail: `${account.name}${ended > 0 ? `; ${ended} session(s) ended` : ''}`,
          },
          context,
        );
      }
    },

    /** An account became inactive: contacts left with no account that may use the portal lose sessions and links. */
    async afterAccountBecameInactive(trx: Trx, account: AccountsTable, context: RequestContext): Promise<void> {
      const rows = await repository.findContactsWithLoginsOfAccount(trx, account.id);
      for (const row of rows) {
        if (!row.loginId) continue;
        if ((await repository.findAccessibleAccountIds(trx, row.contactId)).length > 0) continue;
        await killLinks(trx, row.loginId);
        const ended = await sessions.endAllOf(trx, 'customer', [row.loginId]);
        await recordEvent(
          trx,
          {
            contactId: row.contactId,
            loginId: row.loginId,
            kind: 'account_access_off',
            detail: `${account.name} is inactive${ended > 0 ? `; ${ended} session(s) ended` : ''}`,
          },
          context,
        );
      }
    },

    /** An account becoming current sends the welcome email to its contacts with portal access. */
    async afterAccountBecameCurrent(trx: Trx, account: AccountsTable, context: RequestContext): Promise<void> {
      if (account.portalAccessEnabled !== 1) return;
      const rows = await repository.findContactsWithLoginsOfAccount(trx, account.id);
      for (const row of rows) {
        const login = row.loginId ? await repository.findLoginById(trx, row.loginId) : undefined;
        if (!login?.enabled) continue;
        await lockContact(trx, row.contactId);
        if ((await sendWait(trx, row.contactId, 'welcome')) > 0) continue;
        const contact = await requireContact(trx, row.contactId);
        await issueLink(trx, { login, contact, purpose: 'welcome', context, account });
      }
    },

    /** For self-registration: a login that cannot be used until its email is verified. */
    async createSelfRegisteredLogin(trx: Trx, input: SelfRegisteredLoginInput): Promise<{ loginId: string }> {
      const contact = await requireContact(trx, input.contactId);
      const emailNormalized = normalizeEmail(input.email);
      if (await repository.findLoginByContactId(trx, contact.id))
        throw new AppError('conflict', 'This contact already has a portal login.');
      if (await repository.findLoginByEmail(trx, emailNormalized))
        throw new AppError('conflict', 'Another contact already uses this portal email.', {
          fields: [{ path: 'email', message: 'Already in use' }],
        });
      const now = nowIso();
      const login: PortalLoginsTable = {
        id: newId(),
        contactId: contact.id,
        username: null,
        usernameNormalized: null,
        portalEmail: input.email.trim(),
        portalEmailNormalized: emailNormalized,
        // Sign-up hashes before it knows whether the email has a login (same work either way).
        passwordHash:
          'passwordHash' in input
            ? input.passwordHash
            : await hashPassword(
                validateNewPassword(input.password, [
                  emailNormalized.split('@')[0] ?? '',
                  contact.firstName,
                  contact.lastName,
                ]),
              ),
        passwordChangedAt: now,
        securityStamp: newStamp(),
        mustChangePassword: 0,
        temporaryPasswordExpiresAt: null,
        emailVerificationRequired: 1,
        emailVerifiedAt: null,
        enabled: 1,
        deactivatedAt: null,
        lastSignInAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await repository.insertLogin(trx, login);
      await recordEvent(
        trx,
        { contactId: contact.id, loginId: login.id, kind: 'access_granted', detail: 'self-registered' },
        { actor: input.actor },
      );
      await issueLink(trx, { login, contact, purpose: 'email_verification', context: { actor: input.actor } });
      return { loginId: login.id };
    },

    async findLoginByPortalEmail(executor: Db | Trx, email: string): Promise<{ id: string; contactId: string } | null> {
      const login = await repository.findLoginByEmail(executor, normalizeEmail(email));
      return login ? { id: login.id, contactId: login.contactId } : null;
    },

    /** Null when the contact has no enabled, not-yet-set-up login or no account with portal access. */
    async issueCredentialCreateLink(
      trx: Trx,
      input: { contactId: string; actor: ActorContext },
    ): Promise<{ tokenId: string } | null> {
      const login = await repository.findLoginByContactId(trx, input.contactId);
      if (!login?.enabled || login.passwordHash) return null;
      if ((await repository.findAccessibleAccountIds(trx, input.contactId)).length === 0) return null;
      const contact = await requireContact(trx, input.contactId);
      const issued = await issueLink(trx, {
        login,
        contact,
        purpose: 'credential_create',
        context: { actor: input.actor },
      });
      return issued.tokenId ? { tokenId: issued.tokenId } : null;
    },
  };
}
