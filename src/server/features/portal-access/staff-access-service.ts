import type { PortalLoginsTable } from '../../db/schema/portal-access.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { enqueue, findMessagesForTokens } from '../../outbox/outbox.ts';
import { normalizeEmail } from '../../security/login-throttle.ts';
import { recordAudit } from '../audit/index.ts';
import {
  identifierKey,
  loginLockKey,
  newStamp,
  type PortalAccessCommon,
  type PortalAccessServiceDeps,
  type RequestContext,
} from './portal-access-common.ts';
import * as repository from './portal-access-repository.ts';
import {
  deliveryOf,
  maskEmail,
  overallDelivery,
  PORTAL_ACCOUNT_STATUSES,
  portalAccessState,
  VIEW_AS_LIFETIME_SECONDS,
} from './portal-access-rules.ts';

function portalEmailTaken(): AppError {
  return new AppError('conflict', 'Another contact already uses this portal email.', {
    fields: [{ path: 'portalEmail', message: 'Another contact already uses this portal email.' }],
  });
}

/** Staff tools on a contact: the access state, turning access on and off, unlocking, viewing the portal as them, the timeline. */
export function createStaffAccessService(deps: PortalAccessServiceDeps, common: PortalAccessCommon) {
  const { db, clock, config, sessions, throttle } = deps;
  const {
    nowIso,
    recordEvent,
    requireContact,
    describeAccess,
    requireLoginFor,
    requireAccountAccess,
    killLinks,
    issueLink,
    lockContact,
    sendWait,
    isLocked,
  } = common;

  return {
    describeAccess: (contactId: string) => describeAccess(db, contactId),

    /** Turns portal access on for a contact (or changes its portal email) and, by default, invites them. */
    async grantAccess(
      input: { contactId: string; portalEmail: string; sendCredentialCreateEmail: boolean } & RequestContext,
    ) {
      const emailNormalized = normalizeEmail(input.portalEmail);
      const granted = await db
        .transaction()
        .execute(async (trx) => {
          // Concurrent grants for one contact take turns, so each decides on what the previous one wrote.
          await lockContact(trx, input.contactId);
          const contact = await requireContact(trx, input.contactId);
          const holder = await repository.findLoginByEmail(trx, emailNormalized);
          if (holder && holder.contactId !== contact.id) throw portalEmailTaken();
          const existing = await repository.findLoginByContactId(trx, contact.id);
          const accountIds = await repository.findAccessibleAccountIds(trx, contact.id);
          const now = nowIso();
          let login: PortalLoginsTable;
          if (!existing) {
            login = {
              id: newId(),
              contactId: contact.id,
              username: null,
              usernameNormalized: null,
              portalEmail: input.portalEmail.trim(),
              portalEmailNormalized: emailNormalized,
              passwordHash: null,
              passwordChangedAt: null,
              securityStamp: newStamp(),
              mustChangePassword: 0,
              temporaryPasswordExpiresAt: null,
              emailVerificationRequired: 0,
              emailVerifiedAt: null,
              enabled: 1,
              deactivatedAt: null,
              lastSignInAt: null,
              createdAt: now,
              updatedAt: now,
            };
            await repository.insertLogin(trx, login);
          } else {
            const emailChanged = existing.portalEmailNormalized !== emailNormalized;
            const reactivated = existing.enabled === 0;
            // Links already sent went to the old address or predate the deactivation: they die.
            const securityStamp = emailChanged || reactivated ? newStamp() : existing.securityStamp;
            login = {
              ...existing,
              portalEmail: input.portalEmail.trim(),
              portalEmailNormalized: emailNormalized,
              enabled: 1,
              deactivatedAt: null,
              securityStamp,
              updatedAt: now,
              emailVerifiedAt: emailChanged ? null : existing.emailVerifiedAt,
            };
            await repository.updateLogin(trx, login.id, login);
            if (emailChanged) {
              await killLinks(trx, login.id);
              // The old address hears of it: a takeover through a changed email does not go unnoticed.
              await enqueue(trx, clock, {
                kind: 'portal_email_changed',
                to: [existing.portalEmail],
                payload: {
                  contact: { firstName: contact.firstName },
                  newEmail: maskEmail(login.portalEmail),
                  signInLink: `${config.publicUrl}/portal/sign-in`,
                },
                accountId: contact.mainAccountId,
                contactId: contact.id,
              });
              await recordEvent(
                trx,
                {
                  contactId: contact.id,
                  loginId: login.id,
                  kind: 'portal_email_changed',
                  detail: `${existing.portalEmail} → ${login.portalEmail}`,
                },
                input,
              );
            }
          }
          if (!existing || existing.enabled === 0)
            await recordEvent(
              trx,
              { contactId: contact.id, loginId: login.id, kind: 'access_granted', detail: login.portalEmail },
              input,
            );
          await recordAudit(trx, clock, input.actor, {
            action: 'portal_access.granted',
            subjectType: 'contact',
            subjectId: contact.id,
            accountId: contact.mainAccountId,
            before: existing ? { portalEmail: existing.portalEmail, enabled: existing.enabled === 1 } : null,
            after: { portalEmail: login.portalEmail, enabled: true },
          });
          const state = portalAccessState(login, false);
          const shouldInvite =
            input.sendCredentialCreateEmail &&
            (state === 'no_username' || state === 'not_activated') &&
            accountIds.length > 0 &&
            // After the writes: a corrected address killed the old link, so it no longer holds this one up.
            (await sendWait(trx, contact.id, 'credential_create')) === 0;
          if (!shouldInvite) return { contact, credentialEmailQueued: false };
          const issued = await issueLink(trx, { login, contact, purpose: 'credential_create', context: input });
          return { contact, credentialEmailQueued: issued.queued };
        })
        .catch((error: unknown) => {
          // Two contacts given one address at the same moment: the unique index decides.
          throw isUniqueViolation(error) ? portalEmailTaken() : error;
        });
      return {
        credentialCreateEmailQueued: granted.credentialEmailQueued,
        access: await describeAccess(db, granted.contact.id),
      };
    },

    /** Portal access off: sign-in refused, sessions ended, links dead; a new invitation is needed later. */
    async revokeAccess(input: { contactId: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'revoke');
      await db.transaction().execute(async (trx) => {
        const now = nowIso();
        await repository.updateLogin(trx, login.id, {
          enabled: 0,
          deactivatedAt: now,
          securityStamp: newStamp(),
          updatedAt: now,
        });
        await killLinks(trx, login.id);
        const ended = await sessions.endAllOf(trx, 'customer', [login.id]);
        await recordEvent(
          trx,
          {
            contactId: contact.id,
            loginId: login.id,
            kind: 'access_revoked',
            detail: ended > 0 ? `${ended} session(s) ended` : null,
          },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.revoked',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          before: { enabled: true },
          after: { enabled: false, sessionsEnded: ended },
        });
      });
      return describeAccess(db, contact.id);
    },

    async unlock(input: { contactId: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'unlock');
      await throttle.clear(loginLockKey(login.id));
      await throttle.clear(identifierKey(login.portalEmail));
      if (login.username) await throttle.clear(identifierKey(login.username));
      await db.transaction().execute(async (trx) => {
        await recordEvent(trx, { contactId: contact.id, loginId: login.id, kind: 'unlocked' }, input);
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.unlocked',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
        });
      });
      return describeAccess(db, contact.id);
    },

    /** A read-only, one-hour customer session for staff, bannered in the portal and audited. */
    async startViewingAs(input: { contactId: string; staffId: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'view_as');
      // Staff members' own contact records are never viewed as: that would let one staff member act as another.
      if (contact.staffMemberId)
        throw new AppError(
          'forbidden',
          'This contact is a Portico staff member; their portal cannot be viewed as them.',
        );
      await requireAccountAccess(input.contactId);
      return db.transaction().execute(async (trx) => {
        const session = await sessions.create(trx, {
          kind: 'customer',
          subjectId: login.id,
          impersonatorStaffId: input.staffId,
          lifetimeSeconds: VIEW_AS_LIFETIME_SECONDS,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent ?? null,
        });
        await recordEvent(
          trx,
          {
            contactId: contact.id,
            loginId: login.id,
            kind: 'viewed_as',
            detail: `until ${session.expiresAt.toISOString()}`,
          },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.view_as_started',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          after: { portalLoginId: login.id, expiresAt: session.expiresAt.toISOString() },
        });
        return { token: session.token, expiresAt: session.expiresAt.toISOString() };
      });
    },

    async timeline(contactId: string) {
      await requireContact(db, contactId);
      const rows = await repository.findTimeline(db, contactId, 200);
      const sentTokenIds = rows.flatMap((row) =>
        row.kind === 'link_sent' && row.accessTokenId ? [row.accessTokenId] : [],
      );
      const messages = await findMessagesForTokens(db, sentTokenIds);
      const now = clock.now();
      return rows.map((row) => {
        const isLink = row.kind === 'link_sent' && row.accessTokenId !== null;
        const recipients = isLink
          ? messages
              .filter((message) => message.accessTokenId === row.accessTokenId)
              .flatMap((message) => message.to.map((email) => ({ email, delivery: deliveryOf(message.status) })))
          : [];
        const delivery =
          row.kind !== 'link_sent'
            ? null
            : row.detail === repository.SKIPPED_SEND
              ? ('disabled' as const)
              : overallDelivery(recipients.map((recipient) => recipient.delivery));
        const linkState = !isLink
          ? null
          : row.tokenConsumedAt
            ? ('used' as const)
            : row.tokenSupersededAt
              ? ('superseded' as const)
              : row.tokenExpiresAt && new Date(row.tokenExpiresAt) <= now
                ? ('expired' as const)
                : row.tokenOpenedAt
                  ? ('opened' as const)
                  : ('unopened' as const);
        return {
          id: row.id,
          occurredAt: row.occurredAt,
          kind: row.kind,
          purpose: row.purpose,
          actorKind: row.actorKind,
          actorName: row.staffName,
          ipAddress: row.ipAddress,
          detail: row.detail,
          delivery,
          recipients,
          linkState,
        };
      });
    },

    async accountAccess(accountId: string) {
      const account = await repository.findAccount(db, accountId);
      if (!account) throw notFound('Account');
      const rows = await repository.findContactsWithLoginsOfAccount(db, accountId);
      const contacts = [];
      for (const row of rows) {
        const login = row.loginId ? await repository.findLoginById(db, row.loginId) : undefined;
        const locked = login ? (await isLocked(login)) !== null : false;
        contacts.push({
          contactId: row.contactId,
          name: `${row.firstName} ${row.lastName}`,
          portalEmail: login?.portalEmail ?? null,
          username: login?.username ?? null,
          state: portalAccessState(login, locked),
          lastSignInAt: login?.lastSignInAt ?? null,
        });
      }
      return {
        accountId,
        accountName: account.name,
        portalAccessEnabled: account.portalAccessEnabled === 1,
        accountInactive: !(PORTAL_ACCOUNT_STATUSES as readonly string[]).includes(account.status),
        contacts,
      };
    },
  };
}
