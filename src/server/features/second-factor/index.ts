/** Staff second factors: authenticator app (TOTP), recovery codes, passkeys, the per-role policy and step-up. */
export { createSecondFactorService, type SecondFactorService } from './second-factor-service.ts';
