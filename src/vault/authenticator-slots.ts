/**
 * WebAuthn key slots: the data key wrapped under a key that only an authenticator (Windows Hello's TPM,
 * Touch ID, a security key) can give back, through the PRF extension (`src/core/crypto/prf.ts`).
 *
 * Rules, kept here and in the keyring's one-transaction slot switch:
 * - a slot needs the password slot beside it: the way in when the authenticator is gone (a new laptop,
 *   a lost key). So there is no device slot either, and a profile copy opens nothing;
 * - removing the password, or changing it (which brings a new data key), removes every such slot in the
 *   same transaction: they would wrap a key that no longer opens the records;
 * - several may exist (a laptop and a spare key), one per credential, each with its name and date.
 */
import { AuthError, type Sealed, unwrapDataKey, wrapDataKey } from '../core/crypto/aead.ts';
import { type Bytes, equalBytes, isBytes, randomBytes, toBytes, utf8 } from '../core/crypto/bytes.ts';
import { PRF_OUTPUT_BYTES, PRF_SALT_BYTES, wrappingKeyFromPrf } from '../core/crypto/prf.ts';
import type { VaultDb } from './db.ts';
import { asObject, parseSealed, SLOT_PASSWORD } from './device-slot.ts';
import { VaultError } from './errors.ts';
import { STORE_META } from './migrations.ts';
import { runTx } from './tx.ts';

export const SLOT_AUTHENTICATOR_PREFIX = 'slot:webauthn:';
/** The PRF input every authenticator of this vault evaluates. Not secret: the authenticator's key is. */
export const PRF_SALT_KEY = 'webauthn-prf-salt';
/** Every authenticator slot's key in `meta`, for listing and for deleting them all in one request. */
export const authenticatorSlotKeys = () =>
  IDBKeyRange.bound(SLOT_AUTHENTICATOR_PREFIX, `${SLOT_AUTHENTICATOR_PREFIX}\uffff`);

export interface AuthenticatorInfo {
  credentialId: Bytes;
  /** What the user sees in Settings: "Windows Hello", "Security key" or a name they typed. */
  name: string;
  createdAt: number;
  /** The credential's transports (`internal`, `usb`, …), handed back to the browser at unlock. */
  transports: string[];
}

interface AuthenticatorSlot extends Sealed, AuthenticatorInfo {
  kind: 'webauthn';
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const slotKey = (credentialId: Uint8Array) => `${SLOT_AUTHENTICATOR_PREFIX}${hex(credentialId)}`;

// The credential id in the associated data: a slot copied under another credential's entry fails.
const aad = (credentialId: Uint8Array) => {
  const label = utf8('tweestap/slot/webauthn/1:');
  const joined = new Uint8Array(label.length + credentialId.length);
  joined.set(label);
  joined.set(credentialId, label.length);
  return joined;
};

const MAX_CREDENTIAL_ID = 1023; // WebAuthn caps credential ids at 1,023 bytes.
const MAX_NAME = 64;

function parseSlot(value: unknown): AuthenticatorSlot | undefined {
  const v = asObject(value);
  const sealed = v && parseSealed(v);
  if (!v || !sealed || v.kind !== 'webauthn' || !isBytes(v.credentialId)) return undefined;
  if (typeof v.name !== 'string' || typeof v.createdAt !== 'number' || !Array.isArray(v.transports)) {
    return undefined;
  }
  const transports = v.transports.filter((entry): entry is string => typeof entry === 'string');
  return {
    kind: 'webauthn',
    credentialId: v.credentialId,
    name: v.name,
    createdAt: v.createdAt,
    transports,
    ...sealed,
  };
}

const info = ({ credentialId, name, createdAt, transports }: AuthenticatorSlot): AuthenticatorInfo => ({
  credentialId,
  name,
  createdAt,
  transports,
});

function checkPrf(prf: unknown): Bytes {
  if (!isBytes(prf) || prf.length !== PRF_OUTPUT_BYTES) {
    throw new VaultError('invalid-input', `the authenticator's PRF output must be ${PRF_OUTPUT_BYTES} bytes`);
  }
  return toBytes(prf);
}

function checkCredentialId(id: unknown): Bytes {
  if (!isBytes(id) || id.length === 0 || id.length > MAX_CREDENTIAL_ID) {
    throw new VaultError('invalid-input', 'credential id must be 1 to 1,023 bytes');
  }
  return toBytes(id);
}

export interface AuthenticatorSlotsConfig {
  db: () => Promise<VaultDb>;
  now: () => number;
  /** True when `dek` is the key the records are under (the keyring's key check). */
  isCurrentKey: (dek: CryptoKey) => Promise<boolean>;
}

export class AuthenticatorSlots {
  constructor(private readonly config: AuthenticatorSlotsConfig) {}

  private async all(): Promise<AuthenticatorSlot[]> {
    const db = await this.config.db();
    const values = await db.getAll(STORE_META, authenticatorSlotKeys());
    return values.map(parseSlot).filter((slot): slot is AuthenticatorSlot => slot !== undefined);
  }

  /** The registered authenticators, oldest first. Readable while locked: the lock screen offers them. */
  async list(): Promise<AuthenticatorInfo[]> {
    return (await this.all()).sort((a, b) => a.createdAt - b.createdAt).map(info);
  }

  /** The vault's PRF salt, made on first use; read while locked too, since unlock evaluates it. */
  async prfSalt(): Promise<Bytes> {
    const db = await this.config.db();
    const stored = await db.get(STORE_META, PRF_SALT_KEY);
    if (isBytes(stored) && stored.length === PRF_SALT_BYTES) return stored;
    const fresh = randomBytes(PRF_SALT_BYTES);
    const tx = db.transaction(STORE_META, 'readwrite');
    return runTx(tx, async () => {
      // Two pages registering at once must agree on one salt: the first one written wins.
      const raced = await tx.store.get(PRF_SALT_KEY);
      if (isBytes(raced) && raced.length === PRF_SALT_BYTES) return raced;
      await tx.store.put(fresh, PRF_SALT_KEY);
      return fresh;
    });
  }

  /** Adds (or replaces, for the same credential) a slot for the unlocked data key `dek`. */
  async add(
    dek: CryptoKey,
    authenticator: Omit<AuthenticatorInfo, 'createdAt'>,
    prfOutput: unknown,
  ): Promise<AuthenticatorInfo> {
    const credentialId = checkCredentialId(authenticator.credentialId);
    const prf = checkPrf(prfOutput);
    const name = authenticator.name.trim().slice(0, MAX_NAME);
    if (!name) throw new VaultError('invalid-input', 'an authenticator needs a name');
    if (!(await this.config.isCurrentKey(dek))) {
      throw new VaultError('tampered', 'data key does not match the key check');
    }
    const salt = await this.prfSalt();
    const sealed = await wrapDataKey(dek, await wrappingKeyFromPrf(prf, salt), aad(credentialId));
    const slot: AuthenticatorSlot = {
      kind: 'webauthn',
      credentialId,
      name,
      createdAt: this.config.now(),
      transports: authenticator.transports.filter((entry) => typeof entry === 'string').slice(0, 8),
      ...sealed,
    };
    const db = await this.config.db();
    const tx = db.transaction(STORE_META, 'readwrite');
    await runTx(tx, async () => {
      const [password, currentSalt] = await Promise.all([
        tx.store.get(SLOT_PASSWORD),
        tx.store.get(PRF_SALT_KEY),
      ]);
      if (password === undefined) {
        throw new VaultError(
          'no-password',
          'set a password first: it opens Tweestap when the authenticator is gone',
        );
      }
      if (!isBytes(currentSalt) || !equalBytes(currentSalt, salt)) {
        throw new VaultError(
          'stale-revision',
          'the PRF salt changed while the authenticator was being added',
        );
      }
      await tx.store.put(slot, slotKey(credentialId));
    });
    // A password changed meanwhile brought a new data key and removed every slot: this one would be stale.
    if (!(await this.config.isCurrentKey(dek))) {
      await db.delete(STORE_META, slotKey(credentialId));
      throw new VaultError('stale-revision', 'the password changed while the authenticator was being added');
    }
    return info(slot);
  }

  async remove(credentialId: unknown): Promise<void> {
    const id = checkCredentialId(credentialId);
    const db = await this.config.db();
    const tx = db.transaction(STORE_META, 'readwrite');
    await runTx(tx, async () => {
      if ((await tx.store.get(slotKey(id))) === undefined)
        throw new VaultError('not-found', 'no such authenticator');
      await tx.store.delete(slotKey(id));
    });
  }

  /**
   * The data key, from the PRF output the authenticator gave for this vault's salt. Not throttled:
   * the authenticator itself limits attempts (a PIN lockout), and guessing 32 random bytes is hopeless.
   */
  async unlock(credentialId: unknown, prfOutput: unknown): Promise<CryptoKey> {
    const id = checkCredentialId(credentialId);
    const prf = checkPrf(prfOutput);
    const db = await this.config.db();
    const [stored, salt] = await Promise.all([
      db.get(STORE_META, slotKey(id)),
      db.get(STORE_META, PRF_SALT_KEY),
    ]);
    const slot = parseSlot(stored);
    if (!slot || !equalBytes(slot.credentialId, id)) {
      throw new VaultError('not-found', 'this authenticator is not registered with Tweestap', {
        id: hex(id),
      });
    }
    if (!isBytes(salt)) throw new VaultError('tampered', 'the PRF salt is missing', { id: PRF_SALT_KEY });
    let dek: CryptoKey;
    try {
      dek = await unwrapDataKey(slot, await wrappingKeyFromPrf(prf, salt), aad(id));
    } catch (error) {
      if (error instanceof AuthError) {
        throw new VaultError('wrong-authenticator', 'the authenticator’s answer does not open this slot', {
          id: hex(id),
        });
      }
      throw error;
    }
    if (!(await this.config.isCurrentKey(dek))) {
      throw new VaultError('tampered', 'data key does not match the key check', { id: hex(id) });
    }
    return dek;
  }
}
