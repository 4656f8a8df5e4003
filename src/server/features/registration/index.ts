import type { BaseDeps } from '../../base-deps.ts';
import { findMessageKind } from '../../outbox/message-kinds.ts';
import { findTemplateOverrides } from '../../outbox/outbox-repository.ts';
import { renderMessage } from '../../outbox/email-layout.ts';
import { findAccountByPortalKey, revealPortalKey } from '../customers/index.ts';
import { createBulkPortalLoginsService } from './bulk-portal-logins-service.ts';
import type { PortalKeyPort, PortalLoginPort, RenderEmail } from './registration-ports.ts';
import { createRegistrationQueueService } from './registration-queue-service.ts';
import { createRegistrationSettingsService } from './registration-settings-service.ts';
import { createSelfRegistrationService, PORTAL_KEY_SIGN_UP_TASK } from './self-registration-service.ts';

/** Self-registration with portal key + account number, and the staff queue of registration requests. */
export function createRegistrationFeature(deps: BaseDeps & { portalLogins: PortalLoginPort }) {
  const { db, clock, throttle, config, portalLogins } = deps;
  const portalKeys: PortalKeyPort = { findAccountByPortalKey, revealPortalKey };
  // Renders like the dispatcher does: the vendor's edited template when there is one, else the default.
  const renderEmail: RenderEmail = async (kindId, payload) => {
    const kind = findMessageKind(kindId);
    const [override] = await findTemplateOverrides(db, [kind.id]);
    return renderMessage(kind, override ?? kind.defaultTemplate, kind.payloadSchema.parse(payload));
  };
  const selfRegistration = createSelfRegistrationService({ db, clock, throttle, config, portalLogins, portalKeys });
  return {
    selfRegistration,
    /** Work its public endpoints hand to the background (see tasks/deferred-tasks.ts). */
    deferredTasks: { [PORTAL_KEY_SIGN_UP_TASK]: selfRegistration.runPortalKeySignUpTask },
    queue: createRegistrationQueueService({ db, clock, config, portalKeys, renderEmail }),
    settings: createRegistrationSettingsService({ db, clock }),
    bulkPortalLogins: createBulkPortalLoginsService({ db, clock, portalLogins }),
  };
}
