import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { StaffPasskeysTable } from '../../db/schema/staff-factors.ts';
import { AppError } from '../../errors.ts';
import { webAuthnOrigins, type WebAuthnOrigin } from './second-factor-rules.ts';

/** WebAuthn ceremonies (@simplewebauthn/server); the service stores challenges and credentials. */

// Loaded at the first ceremony: the library and its ASN.1 and COSE parsers are ~13 MB of memory that
// a server whose staff sign in without passkeys never uses.
let library:
  | Promise<[typeof import('@simplewebauthn/server'), typeof import('@simplewebauthn/server/helpers')]>
  | undefined;
const webAuthn = () =>
  (library ??= Promise.all([import('@simplewebauthn/server'), import('@simplewebauthn/server/helpers')]));

export function resolveWebAuthnOrigin(publicUrl: string, requestOrigin: string | undefined): WebAuthnOrigin {
  const allowed = webAuthnOrigins(publicUrl);
  const match = allowed.find((candidate) => candidate.origin === requestOrigin);
  if (!match) {
    const where = allowed[0]?.origin;
    throw new AppError(
      'validation_failed',
      where ? `Passkeys work only at ${where}.` : 'Passkeys need the console to be served on a domain name.',
    );
  }
  return match;
}

/** The challenge a browser signed, read from its client data before the full verification. */
export async function challengeOf(response: { response: { clientDataJSON: string } }): Promise<string> {
  const [, { isoBase64URL }] = await webAuthn();
  try {
    const clientData = JSON.parse(isoBase64URL.toUTF8String(response.response.clientDataJSON)) as {
      challenge?: unknown;
    };
    return typeof clientData.challenge === 'string' ? clientData.challenge : '';
  } catch {
    return '';
  }
}

export async function registrationOptions(input: {
  rp: WebAuthnOrigin;
  staffId: string;
  email: string;
  name: string;
  existing: StaffPasskeysTable[];
}) {
  const [{ generateRegistrationOptions }] = await webAuthn();
  return generateRegistrationOptions({
    rpName: 'Portico staff console',
    rpID: input.rp.rpId,
    userID: new TextEncoder().encode(input.staffId),
    userName: input.email,
    userDisplayName: input.name,
    attestationType: 'none',
    excludeCredentials: input.existing.map((passkey) => ({ id: passkey.id, transports: transportsOf(passkey) })),
    // Discoverable, so the same passkey also signs in without a password.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

export async function verifyRegistration(rp: WebAuthnOrigin, challenge: string, response: RegistrationResponseJSON) {
  const [{ verifyRegistrationResponse }, { isoBase64URL }] = await webAuthn();
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    requireUserVerification: true,
  }).catch(() => null);
  if (!result?.verified || !result.registrationInfo) {
    throw new AppError('validation_failed', 'The passkey could not be verified. Try again.');
  }
  const { credential } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? null,
  };
}

export async function authenticationOptions(rp: WebAuthnOrigin, allowed: StaffPasskeysTable[] | null) {
  const [{ generateAuthenticationOptions }] = await webAuthn();
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    userVerification: allowed ? 'preferred' : 'required',
    ...(allowed ? { allowCredentials: allowed.map((p) => ({ id: p.id, transports: transportsOf(p) })) } : {}),
  });
}

/** Null when the assertion does not verify; the new signature counter otherwise. */
export async function verifyAssertion(input: {
  rp: WebAuthnOrigin;
  challenge: string;
  response: AuthenticationResponseJSON;
  passkey: StaffPasskeysTable;
  requireUserVerification: boolean;
}): Promise<number | null> {
  const [{ verifyAuthenticationResponse }, { isoBase64URL }] = await webAuthn();
  const result = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: input.challenge,
    expectedOrigin: input.rp.origin,
    expectedRPID: input.rp.rpId,
    requireUserVerification: input.requireUserVerification,
    credential: {
      id: input.passkey.id,
      publicKey: isoBase64URL.toBuffer(input.passkey.publicKey),
      counter: input.passkey.counter,
      transports: transportsOf(input.passkey),
    },
  }).catch(() => null);
  return result?.verified ? result.authenticationInfo.newCounter : null;
}

function transportsOf(passkey: StaffPasskeysTable): AuthenticatorTransport[] | undefined {
  return passkey.transportsJson ? (JSON.parse(passkey.transportsJson) as AuthenticatorTransport[]) : undefined;
}
