import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { PortalLoginPort } from './registration-ports.ts';
import {
  findAccount,
  findAccountContactsWithLogins,
  findContactsWithFreshSetupLinks,
} from './registration-repository.ts';
import { planBulkPortalLogins, RECENT_INVITE_SECONDS, type BulkPlan } from './registration-rules.ts';

/** "Generate portal logins" for an account: a setup link for every contact that can get one. */
export function createBulkPortalLoginsService(deps: {
  db: Db;
  clock: Clock;
  portalLogins: Pick<PortalLoginPort, 'issueCredentialCreateLink'>;
}) {
  const { db, clock, portalLogins } = deps;

  async function plan(executor: Db | Trx, accountId: string): Promise<BulkPlan> {
    const account = await findAccount(executor, accountId);
    if (!account) throw notFound('Account');
    const rows = await findAccountContactsWithLogins(executor, accountId);
    const since = new Date(clock.now().getTime() - RECENT_INVITE_SECONDS * 1000).toISOString();
    const invitedRecently = await findContactsWithFreshSetupLinks(
      executor,
      rows.map((row) => row.contactId),
      since,
    );
    return planBulkPortalLogins({
      accountPortalAccessEnabled: account.portalAccessEnabled === 1,
      contacts: rows.map((row) => ({
        contactId: row.contactId,
        name: `${row.firstName} ${row.lastName}`,
        login:
          row.loginId && row.portalEmail
            ? { portalEmail: row.portalEmail, enabled: row.enabled === 1, isSetUp: row.passwordHash !== null }
            : null,
        invitedRecently: invitedRecently.has(row.contactId),
      })),
    });
  }

  return {
    /** The dry run: who would get a link and who is skipped, and why. Writes nothing. */
    planBulkPortalLogins(accountId: string) {
      return plan(db, accountId);
    },

    async generateBulkPortalLogins(accountId: string, actor: ActorContext) {
      return db.transaction().execute(async (trx) => {
        const planned = await plan(trx, accountId);
        const issued: BulkPlan['invite'] = [];
        const skipped = [...planned.skipped];
        for (const contact of planned.invite) {
          // The plan and portal-access agree on who can get a link; a null here means access changed meanwhile.
          const link = await portalLogins.issueCredentialCreateLink(trx, { contactId: contact.contactId, actor });
          if (link) issued.push(contact);
          else skipped.push({ ...contact, reason: 'access_off' });
        }
        await recordAudit(trx, clock, actor, {
          action: 'account.portal_logins_generated',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          after: {
            issued: issued.map((contact) => contact.email),
            skipped: skipped.map(({ contactId, reason }) => ({ contactId, reason })),
          },
        });
        return { issued, skipped };
      });
    },
  };
}
