import type { ActorContext } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { formatWait, IP_POLICY, type LoginThrottle, type ThrottleKey } from '../../security/login-throttle.ts';
import { hashToken } from '../../security/tokens.ts';
import type { ApprovalLinkInspection, DecidedByLink } from '../../../shared/approval-link-contracts.ts';
import { formatCents } from '../../../shared/turn-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import * as links from './escalation-repository.ts';
import type { TurnContext } from './turn-context.ts';
import * as repository from './turns-repository.ts';

const INVALID_LINK_MESSAGE =
  'This approval link has already been used, has expired, or the add-on was decided already. Sign in to the portal to see it.';

/**
 * The one-tap links texted to the backup phone: the confirm page reads what the link is for (never
 * deciding: phones and scanners preview links), and only its button decides, once.
 */
export function createApprovalLinksService(context: TurnContext, deps: { secretKey: string; throttle: LoginThrottle }) {
  const { db, clock, now } = context;

  async function ipGuard(actor: ActorContext): Promise<ThrottleKey | null> {
    if (!actor.ipAddress) return null;
    const key: ThrottleKey = { key: `approval-link-ip:${actor.ipAddress}`, policy: IP_POLICY };
    const wait = await deps.throttle.retryAfterSeconds([key]);
    if (wait > 0)
      throw new AppError('rate_limited', `Too many attempts. Try again in ${formatWait(wait)}.`, {
        retryAfterSeconds: wait,
      });
    return key;
  }

  return {
    async inspect(token: string, actor: ActorContext): Promise<ApprovalLinkInspection> {
      const guard = await ipGuard(actor);
      const link = await links.findApprovalLinkByHash(db, hashToken(deps.secretKey, token));
      const addOn = link && (await repository.findAddOn(db, link.addOnId));
      if (!link || !addOn) {
        if (guard) await deps.throttle.recordFailure([guard]);
        return { status: 'invalid' };
      }
      if (link.consumedAt) return { status: 'used' };
      if (link.expiresAt <= now()) return { status: 'expired' };
      if (addOn.status !== 'pending') return { status: 'decided' };
      await links.markApprovalLinkOpened(db, link.id, now());
      const turn = await repository.findTurn(db, addOn.turnId);
      const line = await repository.findServiceLine(db, addOn.serviceLineId);
      const [property] = await repository.findProperties(db, [addOn.accountId]);
      return {
        status: 'valid',
        propertyName: property?.name ?? '',
        unitNumber: turn?.unitNumber ?? '',
        addOnName: addOn.serviceName,
        serviceName: line?.serviceName ?? '',
        price: formatCents(addOn.priceCents),
        reason: addOn.reason,
        expiresAt: link.expiresAt,
      };
    },

    /** Uses the link and decides the add-on in one transaction; either both happen or neither. */
    async decide(token: string, decision: 'approve' | 'decline', actor: ActorContext): Promise<DecidedByLink> {
      const guard = await ipGuard(actor);
      const status = decision === 'approve' ? ('approved' as const) : ('declined' as const);
      const decided = await db.transaction().execute(async (trx) => {
        const at = now();
        const link = await links.consumeApprovalLink(trx, hashToken(deps.secretKey, token), at);
        if (!link) return null;
        const addOn = await repository.findAddOn(trx, link.addOnId);
        if (!addOn) return null;
        const changed = await repository.decidePendingAddOn(trx, addOn.id, {
          status,
          decidedByKind: 'customer',
          decidedById: null,
          decidedAt: at,
          decisionNote: `Decided from the link texted to ${link.phone}`,
        });
        if (!changed) return null;
        await recordAudit(trx, clock, actor, {
          action: status === 'approved' ? 'add_on.approved' : 'add_on.declined',
          subjectType: 'turn_add_on',
          subjectId: addOn.id,
          accountId: addOn.accountId,
          before: { status: 'pending' },
          after: { status, via: 'backup phone link' },
        });
        await recordAudit(trx, clock, actor, {
          action: status === 'approved' ? 'add_on.approved_by_link' : 'add_on.declined_by_link',
          subjectType: 'turn',
          subjectId: addOn.turnId,
          accountId: addOn.accountId,
          after: { addOnId: addOn.id, addOn: addOn.serviceName, phone: link.phone },
        });
        return status;
      });
      if (!decided) {
        if (guard) await deps.throttle.recordFailure([guard]);
        throw new AppError('invalid_link', INVALID_LINK_MESSAGE);
      }
      return { status: decided };
    },
  };
}
