import type { ActorContext } from '../../actor.ts';
import { addSeconds, type Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { ProsTable } from '../../db/schema/catalog.ts';
import type { ProLinkChannel } from '../../db/schema/field-work.ts';
import { AppError, notFound } from '../../errors.ts';
import type { ProPrincipal } from '../../http/access.ts';
import { newId } from '../../ids.ts';
import { cancelOutboxMessagesForToken, enqueue } from '../../outbox/outbox.ts';
import { toE164 } from '../../outbox/recipients.ts';
import { formatWait, IP_POLICY, type LoginThrottle, type ThrottleKey } from '../../security/login-throttle.ts';
import { generateToken, hashToken } from '../../security/tokens.ts';
import type { ProLinkInspection } from '../../../shared/pro-access-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import { sendWaitSeconds } from '../portal-access/index.ts';
import { PRO_SESSION_SECONDS, type SessionService } from '../sessions/index.ts';
import * as repository from './pro-access-repository.ts';
import { PRO_LINK_LIFETIME_SECONDS, proLinkProblem, signInAddressKind } from './pro-access-rules.ts';

const INVALID_LINK_MESSAGE = 'This link has already been used or is no longer valid. Ask for a new one.';

// Anti-automation on the unauthenticated request that sends texts (the customer reset request's numbers).
const LINK_REQUEST_IP_POLICY = {
  freeFailures: 30,
  waitIncrementSeconds: 60,
  maxWaitSeconds: 900,
  forgetAfterSeconds: 3600,
};

export interface ProAccessServiceDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'secretKey'>;
  sessions: SessionService;
  throttle: LoginThrottle;
  catalog: CatalogFeature;
}

interface RequestContext {
  actor: ActorContext;
  userAgent?: string | null;
}

export function createProAccessService(deps: ProAccessServiceDeps) {
  const { db, clock, config, sessions, throttle, catalog } = deps;
  const nowIso = () => clock.now().toISOString();

  async function waitBeforeNextLink(proId: string): Promise<number> {
    const recent = await repository.findRecentProTokens(db, proId, addSeconds(clock.now(), -3600).toISOString());
    return sendWaitSeconds(
      recent.map((row) => ({
        purpose: 'login_link' as const,
        createdAt: row.createdAt,
        linkLive: row.consumedAt === null && row.supersededAt === null,
      })),
      'login_link',
      clock.now(),
    );
  }

  /** A new link supersedes the live ones (and cancels their undelivered messages) in the same transaction. */
  async function issueLink(trx: Trx, pro: ProsTable, channel: ProLinkChannel, context: RequestContext) {
    const now = clock.now();
    for (const tokenId of await repository.supersedeProTokens(trx, pro.id, now.toISOString()))
      await cancelOutboxMessagesForToken(trx, clock, tokenId);
    const token = generateToken();
    const tokenId = newId();
    const expiresAt = addSeconds(now, PRO_LINK_LIFETIME_SECONDS);
    await repository.insertProToken(trx, {
      id: tokenId,
      tokenHash: hashToken(config.secretKey, token),
      proId: pro.id,
      channel,
      createdByStaffId: context.actor.actorKind === 'staff' ? context.actor.actorId : null,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      openedAt: null,
      consumedAt: null,
      supersededAt: null,
    });
    const sentTo = channel === 'sms' ? pro.phone! : pro.email!;
    await enqueue(trx, clock, {
      kind: channel === 'sms' ? 'pro_sign_in_link_sms' : 'pro_sign_in_link',
      to: [sentTo],
      payload: {
        pro: { name: pro.name },
        link: `${config.publicUrl}/pro/link/${token}`,
        expiresAt: expiresAt.toISOString(),
      },
      expiresAt,
      accessTokenId: tokenId,
    });
    await recordAudit(trx, clock, context.actor, {
      action: 'pro.sign_in_link_sent',
      subjectType: 'pro',
      subjectId: pro.id,
      after: { channel, sentTo, expiresAt: expiresAt.toISOString() },
    });
    return { sentTo, expiresAt: expiresAt.toISOString() };
  }

  async function rateLimitedIp(
    key: string,
    policy: typeof IP_POLICY,
    actor: ActorContext,
  ): Promise<ThrottleKey | null> {
    if (!actor.ipAddress) return null;
    const ipKey: ThrottleKey = { key: `${key}:${actor.ipAddress}`, policy };
    const wait = await throttle.retryAfterSeconds([ipKey]);
    if (wait > 0)
      throw new AppError('rate_limited', `Too many attempts. Try again in ${formatWait(wait)}.`, {
        retryAfterSeconds: wait,
      });
    return ipKey;
  }

  return {
    /**
     * The pro asks for a link with their phone or email. The answer never says whether a pro matched;
     * past the per-recipient limit the request is dropped silently, so nobody floods a pro's phone.
     */
    async requestLink(input: { login: string } & RequestContext): Promise<void> {
      const ipKey = await rateLimitedIp('pro-link-request-ip', LINK_REQUEST_IP_POLICY, input.actor);
      if (ipKey) await throttle.recordFailure([ipKey]);
      const kind = signInAddressKind(input.login);
      const phone = kind === 'phone' ? toE164(input.login) : null;
      if (kind === 'phone' && !phone) return;
      const pro = await catalog.pros.findProByAddress(phone ? { phone } : { email: input.login });
      if (pro?.active !== 1) return;
      if ((await waitBeforeNextLink(pro.id)) > 0) return;
      await db.transaction().execute((trx) => issueLink(trx, pro, phone ? 'sms' : 'email', input));
    },

    /** Staff send a pro their link (by SMS or email). */
    async sendLinkAsStaff(input: { proId: string; channel: ProLinkChannel } & RequestContext) {
      const pro = await catalog.pros.findPro(input.proId);
      if (!pro) throw notFound('Pro');
      if (pro.active !== 1) throw new AppError('conflict', 'This pro is deactivated. Activate them first.');
      if (input.channel === 'sms' && !pro.phone) throw new AppError('conflict', 'This pro has no mobile phone.');
      if (input.channel === 'email' && !pro.email) throw new AppError('conflict', 'This pro has no email.');
      const wait = await waitBeforeNextLink(pro.id);
      if (wait > 0)
        throw new AppError('rate_limited', `A link just went to this pro. Send another in ${formatWait(wait)}.`, {
          retryAfterSeconds: wait,
        });
      return db.transaction().execute((trx) => issueLink(trx, pro, input.channel, input));
    },

    /** Staff end every session of a pro (a lost phone). */
    async endSessionsAsStaff(input: { proId: string } & RequestContext) {
      const pro = await catalog.pros.findPro(input.proId);
      if (!pro) throw notFound('Pro');
      return db.transaction().execute(async (trx) => {
        const ended = await sessions.endAllOf(trx, 'pro', [pro.id]);
        for (const tokenId of await repository.supersedeProTokens(trx, pro.id, nowIso()))
          await cancelOutboxMessagesForToken(trx, clock, tokenId);
        await recordAudit(trx, clock, input.actor, {
          action: 'pro.sessions_ended',
          subjectType: 'pro',
          subjectId: pro.id,
          after: { ended },
        });
        return { ended };
      });
    },

    /** For the confirm page; never consumes the link (SMS and mail scanners open links). */
    async inspectLink(input: { token: string }): Promise<ProLinkInspection> {
      const token = await repository.findProTokenByHash(db, hashToken(config.secretKey, input.token));
      if (!token) return { status: 'invalid' };
      const pro = await catalog.pros.findPro(token.proId);
      const problem = proLinkProblem(token, pro, clock.now());
      if (problem || !pro) return { status: problem ?? 'invalid' };
      await repository.markProTokenOpened(db, token.id, nowIso());
      return { status: 'valid', name: pro.name, expiresAt: token.expiresAt };
    },

    /** Uses a link once (the confirm page's POST) and opens a working-day session. */
    async redeemLink(input: { token: string } & RequestContext) {
      const ipKey = await rateLimitedIp('pro-link-ip', IP_POLICY, input.actor);
      const tokenHash = hashToken(config.secretKey, input.token);
      const preview = await repository.findProTokenByHash(db, tokenHash);
      const pro = preview && (await catalog.pros.findPro(preview.proId));
      if (!preview || !pro || proLinkProblem(preview, pro, clock.now())) {
        if (ipKey) await throttle.recordFailure([ipKey]);
        throw new AppError('invalid_link', INVALID_LINK_MESSAGE);
      }
      return db.transaction().execute(async (trx) => {
        const consumed = await repository.consumeProToken(trx, tokenHash, nowIso());
        if (!consumed) throw new AppError('invalid_link', INVALID_LINK_MESSAGE);
        const proActor: ActorContext = { ...input.actor, actorKind: 'pro', actorId: pro.id };
        await recordAudit(trx, clock, proActor, { action: 'pro.signed_in', subjectType: 'pro', subjectId: pro.id });
        return sessions.create(trx, {
          kind: 'pro',
          subjectId: pro.id,
          lifetimeSeconds: PRO_SESSION_SECONDS,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent ?? null,
        });
      });
    },

    endSession: (token: string) => sessions.end(token),

    /** Every pro request: a deactivated or deleted pro's sessions end here, on their next request. */
    async principalFor(session: { subjectId: string }): Promise<ProPrincipal | null> {
      const pro = await catalog.pros.findPro(session.subjectId);
      if (pro?.active !== 1) {
        await sessions.endAllOf(db, 'pro', [session.subjectId]);
        return null;
      }
      return { proId: pro.id, name: pro.name };
    },
  };
}
