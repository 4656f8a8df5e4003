/** Staff second factors: authenticator app (TOTP), recovery codes, passkeys, the per-role policy and step-up. */
export { createSecondFactorService } from './second-factor-service.ts';
