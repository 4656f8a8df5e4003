import { addSeconds } from '../../clock.ts';
import type { AccessTokenPurpose } from '../../db/schema/portal-access.ts';
import { AppError, fieldError } from '../../errors.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { formatWait } from '../../security/login-throttle.ts';
import { hashPassword } from '../../security/passwords.ts';
import { generateReadableSecret } from '../../security/tokens.ts';
import type { PortalAccessAction } from '../../../shared/portal-access-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import {
  newStamp,
  type PortalAccessCommon,
  type PortalAccessServiceDeps,
  type RequestContext,
} from './portal-access-common.ts';
import * as repository from './portal-access-repository.ts';
import { normalizeUsername, TEMPORARY_PASSWORD_LIFETIME_SECONDS } from './portal-access-rules.ts';

const ACTION_FOR_PURPOSE: Partial<Record<AccessTokenPurpose, PortalAccessAction>> = {
  credential_create: 'send_credential_create',
  password_reset: 'send_password_reset',
  login_link: 'send_login_link',
  welcome: 'resend_welcome',
};

/** Staff tools on a contact's credentials: emailing links, temporary passwords and the username. */
export function createStaffCredentialsService(deps: PortalAccessServiceDeps, common: PortalAccessCommon) {
  const { db, clock, sessions } = deps;
  const {
    nowIso,
    signInLink,
    recordEvent,
    describeAccess,
    requireLoginFor,
    requireAccountAccess,
    killLinks,
    issueLink,
    lockContact,
    sendWait,
    assertUsernameFree,
    parseUsername,
    validateNewPassword,
    contextWords,
  } = common;
  async function sendLinkAsStaff(contactId: string, requested: AccessTokenPurpose, context: RequestContext) {
    const action = ACTION_FOR_PURPOSE[requested];
    if (!action) throw new AppError('forbidden', 'Staff cannot send that link.');
    // The state (a lockout lives in the throttle) is checked first; the rest is decided under the lock.
    await requireLoginFor(contactId, action);
    const result = await db.transaction().execute(async (trx) => {
      await lockContact(trx, contactId);
      const { login, contact } = await requireLoginFor(contactId, action, trx, { skipLockout: true });
      await requireAccountAccess(contactId, trx);
      // A reset for a login nobody has set up yet could not be used: it sends the setup link instead.
      const purpose = requested === 'password_reset' && !login.passwordHash ? 'credential_create' : requested;
      const wait = await sendWait(trx, contactId, purpose);
      if (wait > 0) {
        throw new AppError(
          'rate_limited',
          `An access email just went to this contact. Send another in ${formatWait(wait)}.`,
          { retryAfterSeconds: wait },
        );
      }
      const issued = await issueLink(trx, { login, contact, purpose, context });
      await recordAudit(trx, clock, context.actor, {
        action: `portal_access.${purpose}_sent`,
        subjectType: 'contact',
        subjectId: contactId,
        accountId: contact.mainAccountId,
        after: { sentTo: issued.sentTo, expiresAt: issued.expiresAt.toISOString(), queued: issued.queued },
      });
      return { ...issued, purpose };
    });
    return {
      queued: result.queued,
      purpose: result.purpose,
      expiresAt: result.expiresAt.toISOString(),
      sentTo: result.sentTo,
      access: await describeAccess(db, contactId),
    };
  }
  return {
    sendCredentialCreateEmail: (input: { contactId: string } & RequestContext) =>
      sendLinkAsStaff(input.contactId, 'credential_create', input),
    sendPasswordResetEmail: (input: { contactId: string } & RequestContext) =>
      sendLinkAsStaff(input.contactId, 'password_reset', input),
    sendLoginLinkEmail: (input: { contactId: string } & RequestContext) =>
      sendLinkAsStaff(input.contactId, 'login_link', input),
    resendWelcomeEmail: (input: { contactId: string } & RequestContext) =>
      sendLinkAsStaff(input.contactId, 'welcome', input),

    /**
     * The help article's "create your client's password": generated and shown once, or typed twice by staff
     * (checked against the password policy). Either way it is temporary (24 h, changed at first sign-in, the
     * session can do nothing else). Only a generated one is emailed, and only on "save and send email".
     */
    async setTemporaryPassword(
      input: {
        contactId: string;
        sendEmail: boolean;
        typed?: { password: string; confirmation: string | undefined } | null;
      } & RequestContext,
    ) {
      const { login, contact } = await requireLoginFor(input.contactId, 'set_temporary_password');
      await requireAccountAccess(input.contactId);
      const typed = input.typed ?? null;
      if (typed) {
        if (input.sendEmail)
          throw fieldError('sendEmail', 'A password you typed is never emailed. Tell the customer yourself.');
        validateNewPassword(typed.password, contextWords(login, contact));
        if (typed.confirmation !== typed.password)
          throw fieldError('confirmPassword', 'The two passwords do not match.');
      }
      const password = typed?.password ?? generateReadableSecret(20);
      const passwordHash = await hashPassword(password);
      const expiresAt = addSeconds(clock.now(), TEMPORARY_PASSWORD_LIFETIME_SECONDS);
      const emailed = await db.transaction().execute(async (trx) => {
        const now = nowIso();
        await repository.updateLogin(trx, login.id, {
          passwordHash,
          passwordChangedAt: now,
          securityStamp: newStamp(),
          mustChangePassword: 1,
          temporaryPasswordExpiresAt: expiresAt.toISOString(),
          updatedAt: now,
        });
        await killLinks(trx, login.id);
        await sessions.endAllOf(trx, 'customer', [login.id]);
        let emailed = false;
        if (input.sendEmail) {
          const messageId: string | null = await enqueue(trx, clock, {
            kind: 'temporary_password',
            to: [login.portalEmail],
            payload: {
              contact: { firstName: contact.firstName },
              password,
              signInLink: signInLink(),
              expiresAt: expiresAt.toISOString(),
            },
            expiresAt,
            accountId: contact.mainAccountId,
            contactId: contact.id,
          });
          emailed = messageId !== null;
        }
        await recordEvent(
          trx,
          {
            contactId: contact.id,
            loginId: login.id,
            kind: 'temporary_password_set',
            detail: typed ? 'typed by staff' : emailed ? 'emailed to the contact' : 'shown to staff only',
          },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.temporary_password_set',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          after: { emailed, typedByStaff: typed !== null, expiresAt: expiresAt.toISOString() },
        });
        return emailed;
      });
      return {
        password: typed ? null : password,
        expiresAt: expiresAt.toISOString(),
        emailed,
        access: await describeAccess(db, contact.id),
      };
    },

    async updateUsername(input: { contactId: string; username: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'update_username');
      const username = parseUsername(input.username);
      await assertUsernameFree(db, username, login.id);
      await db.transaction().execute(async (trx) => {
        await assertUsernameFree(trx, username, login.id);
        await repository.updateLogin(trx, login.id, {
          username,
          usernameNormalized: normalizeUsername(username),
          updatedAt: nowIso(),
        });
        await recordEvent(
          trx,
          {
            contactId: contact.id,
            loginId: login.id,
            kind: 'username_changed',
            detail: `${login.username ?? '(none)'} → ${username}`,
          },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.username_updated',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          before: { username: login.username },
          after: { username },
        });
      });
      return describeAccess(db, contact.id);
    },

    /**
     * Deleting the username lets a new person set up the login (the billing contact changed),
     * so the password goes too and the state returns to "no username".
     */
    async deleteUsername(input: { contactId: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'delete_username');
      await db.transaction().execute(async (trx) => {
        const now = nowIso();
        await repository.updateLogin(trx, login.id, {
          username: null,
          usernameNormalized: null,
          passwordHash: null,
          passwordChangedAt: null,
          mustChangePassword: 0,
          temporaryPasswordExpiresAt: null,
          securityStamp: newStamp(),
          updatedAt: now,
        });
        await killLinks(trx, login.id);
        await sessions.endAllOf(trx, 'customer', [login.id]);
        await recordEvent(
          trx,
          { contactId: contact.id, loginId: login.id, kind: 'username_deleted', detail: login.username },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.username_deleted',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          before: { username: login.username, passwordSet: login.passwordHash !== null },
          after: { username: null, passwordSet: false },
        });
      });
      return describeAccess(db, contact.id);
    },
  };
}
