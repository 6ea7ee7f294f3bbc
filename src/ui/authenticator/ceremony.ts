/**
 * The WebAuthn ceremonies, run in the page the user clicked in (the worker has no
 * `navigator.credentials`). The relying party is the extension itself: an extension page's RP ID is
 * its extension ID, so no website can ask for these credentials. What leaves here is the PRF answer,
 * which goes to the worker only (`src/background/authenticators.ts`).
 */
import { fromBase64Url, toBase64Url } from '../../core/crypto/base64url';

export type CeremonyProblem =
  /** No WebAuthn, or the browser says it has no PRF. */
  | 'unsupported'
  /** The authenticator made a credential but cannot answer PRF: it cannot unlock anything. */
  | 'no-prf'
  /** The user closed the dialog, or it timed out. */
  | 'cancelled'
  | 'failed';

export class CeremonyError extends Error {
  constructor(readonly problem: CeremonyProblem) {
    super(problem);
  }
}

export interface CeremonyResult {
  credentialId: string;
  prf: string;
  attachment: 'platform' | 'cross-platform' | undefined;
  transports: string[];
}

// Two minutes, as the WebAuthn spec recommends for a ceremony that asks for user verification.
const TIMEOUT_MS = 120_000;

type WithCapabilities = typeof PublicKeyCredential & {
  getClientCapabilities?: () => Promise<Record<string, boolean | undefined>>;
};

/**
 * How long the browser may take to list its capabilities before the offer is made anyway: the list only
 * rules out what cannot work, and the ceremony itself says so plainly when it does not.
 */
const CAPABILITIES_WAIT_MS = 3_000;

/** False when this browser certainly cannot unlock with an authenticator; true when it may. */
export async function authenticatorsMayWork(): Promise<boolean> {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return false;
  const listed = (PublicKeyCredential as WithCapabilities).getClientCapabilities?.().catch(() => undefined);
  const waited = new Promise<undefined>((resolve) => setTimeout(resolve, CAPABILITIES_WAIT_MS));
  const capabilities = await Promise.race([listed, waited]);
  return capabilities?.['extension:prf'] !== false;
}

function problemOf(error: unknown): CeremonyProblem {
  if (error instanceof CeremonyError) return error.problem;
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') return 'cancelled';
  if (name === 'NotSupportedError') return 'unsupported';
  return 'failed';
}

const bytesOf = (value: BufferSource | undefined): Uint8Array | undefined =>
  value === undefined
    ? undefined
    : value instanceof ArrayBuffer
      ? new Uint8Array(value)
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

function prfAnswer(credential: PublicKeyCredential): {
  enabled: boolean | undefined;
  first: Uint8Array | undefined;
} {
  const prf = credential.getClientExtensionResults().prf;
  return { enabled: prf?.enabled, first: bytesOf(prf?.results?.first) };
}

function saltBytes(prfSalt: string): Uint8Array<ArrayBuffer> {
  const salt = fromBase64Url(prfSalt);
  if (!salt || salt.length === 0) throw new CeremonyError('failed');
  return salt;
}

interface Known {
  credentialId: string;
  transports: string[];
}

const descriptor = ({ credentialId, transports }: Known): PublicKeyCredentialDescriptor => ({
  type: 'public-key',
  id: fromBase64Url(credentialId)!,
  transports: transports as AuthenticatorTransport[],
});

async function assert(prfSalt: string, allow: Known[], userVerification: UserVerificationRequirement) {
  const credential = (await navigator.credentials.get({
    publicKey: {
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      allowCredentials: allow.map(descriptor),
      userVerification,
      timeout: TIMEOUT_MS,
      extensions: { prf: { eval: { first: saltBytes(prfSalt) } } },
    },
  })) as PublicKeyCredential | null;
  if (!credential) throw new CeremonyError('cancelled');
  const { first } = prfAnswer(credential);
  if (first?.length !== 32) throw new CeremonyError('no-prf');
  return { credential, first };
}

/**
 * Makes a credential and gets its PRF answer for the vault's salt. Some authenticators (Windows Hello
 * before Chrome 147) give PRF only when signing in, not when made: then one assertion follows, which
 * asks the user once more.
 */
export async function registerAuthenticator(options: {
  prfSalt: string;
  existing: Known[];
  userVerification: UserVerificationRequirement;
}): Promise<CeremonyResult> {
  try {
    const salt = saltBytes(options.prfSalt);
    const credential = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Tweestap' },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'Tweestap', displayName: 'Tweestap' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { userVerification: options.userVerification, residentKey: 'discouraged' },
        excludeCredentials: options.existing.map(descriptor),
        attestation: 'none',
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: salt } } },
      },
    })) as PublicKeyCredential | null;
    if (!credential) throw new CeremonyError('cancelled');
    const response = credential.response as AuthenticatorAttestationResponse;
    const transports = response.getTransports?.() ?? [];
    const known = { credentialId: toBase64Url(new Uint8Array(credential.rawId)), transports };
    const made = prfAnswer(credential);
    if (made.enabled === false) throw new CeremonyError('no-prf');
    const first =
      made.first?.length === 32
        ? made.first
        : (await assert(options.prfSalt, [known], options.userVerification)).first;
    const attachment = credential.authenticatorAttachment as CeremonyResult['attachment'] | null;
    return { ...known, prf: toBase64Url(first), attachment: attachment ?? undefined };
  } catch (error) {
    throw new CeremonyError(problemOf(error));
  }
}

/** Asks one of the registered authenticators for the vault's PRF answer. */
export async function askAuthenticator(options: {
  prfSalt: string;
  authenticators: Known[];
  userVerification: UserVerificationRequirement;
}): Promise<{ credentialId: string; prf: string }> {
  try {
    const { credential, first } = await assert(
      options.prfSalt,
      options.authenticators,
      options.userVerification,
    );
    return { credentialId: toBase64Url(new Uint8Array(credential.rawId)), prf: toBase64Url(first) };
  } catch (error) {
    throw new CeremonyError(problemOf(error));
  }
}
