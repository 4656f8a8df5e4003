import { createOnboardingService, type OnboardingDeps } from './onboarding-service.ts';
import { renderOutline } from './onboarding-outline.ts';

/** The onboard meeting as a guided session per account, and its PDF outline. */
export function createOnboardingFeature(deps: OnboardingDeps) {
  const sessions = createOnboardingService(deps);
  return {
    sessions,
    outline: {
      blank: () => renderOutline(null, deps.clock.now()),
      async filled(accountId: string) {
        const session = await sessions.getSession(accountId);
        const slug =
          session.accountName
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '') || 'account';
        return { slug, bytes: await renderOutline(session, deps.clock.now()) };
      },
    },
  };
}
