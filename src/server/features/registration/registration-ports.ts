import type { ActorContext } from '../../actor.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { AccountsTable } from '../../db/database-schema.ts';

/** What registration needs from the portal-access feature (logins and one-time links). */
export interface PortalLoginPort {
  /** The login cannot sign in until its email is verified; the verification email is enqueued in `trx`. */
  createSelfRegisteredLogin(
    trx: Trx,
    input: { contactId: string; email: string; actor: ActorContext } & (
      | { password: string }
      | { passwordHash: string }
    ),
  ): Promise<{ loginId: string }>;
  findLoginByPortalEmail(db: Db | Trx, email: string): Promise<{ id: string; contactId: string } | null>;
  /** Null when the contact cannot get a link (no portal email, or already has a login). */
  issueCredentialCreateLink(
    trx: Trx,
    input: { contactId: string; actor: ActorContext },
  ): Promise<{ tokenId: string } | null>;
}

/** What registration needs from the customers feature: the per-account portal key. */
export interface PortalKeyPort {
  findAccountByPortalKey(
    db: Db,
    secretKey: string,
    input: { accountNumber: string; portalKey: string },
  ): Promise<AccountsTable | null>;
  revealPortalKey(account: AccountsTable, secretKey: string): string;
}

/** Renders a message kind's current template (the vendor's edits included) with merge data, for previews. */
export type RenderEmail = (
  kindId: string,
  payload: unknown,
) => Promise<{ subject: string; text: string; html: string }>;
