import * as v from 'valibot';
import type { StoredAccount } from '../../core/account';
import { ACCOUNT_PATCH, EMPTY, NEW_ACCOUNT, PASSWORD, STORED_ACCOUNT } from '../schemas';
import { message } from '../spec';

export interface VaultStatus {
  state: 'locked' | 'unlocked';
  hasPassword: boolean;
  accountCount?: number;
  /**
   * The organisation requires a password (`requirePassword`) and this vault has none: nothing but
   * setting one is allowed until it is set, so the accounts stay hidden (and kept).
   */
  passwordRequired?: boolean;
}

/** An authenticator that can unlock the vault, as the pages see it: ids in base64url, as WebAuthn has them. */
export interface AuthenticatorEntry {
  credentialId: string;
  name: string;
  createdAt: number;
  transports: string[];
}

// Base64url of at most 1,023 bytes (a credential id) or of the 32-byte PRF output.
const CREDENTIAL_ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,1364}$/));
const PRF_OUTPUT = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));

/** The vault: lock state, the account list and every change to it. Only our own pages may ask. */
export const vaultMessages = {
  'vault.status': message<VaultStatus>()({ from: 'extension-page', request: EMPTY }),
  'vault.unlock': message<VaultStatus>()({
    from: 'extension-page',
    request: v.object({ password: PASSWORD }),
  }),
  'vault.lock': message<VaultStatus>()({ from: 'extension-page', request: EMPTY }),
  /** `damaged`: ids of records that failed authentication; reported, never dropped. */
  'vault.list': message<{
    accounts: StoredAccount[];
    damaged: string[];
    /** By account id: the clock correction its codes get (its own site's reading, or the manual one). */
    clockOffsets: Record<string, number>;
  }>()({
    from: 'extension-page',
    policy: 'listAccounts',
    request: EMPTY,
  }),
  'vault.add': message<StoredAccount>()({
    from: 'extension-page',
    policy: 'addAccount',
    request: v.object({ account: NEW_ACCOUNT }),
  }),
  'vault.update': message<StoredAccount>()({
    from: 'extension-page',
    policy: 'editAccount',
    request: v.object({ id: v.string(), revision: v.number(), patch: ACCOUNT_PATCH }),
  }),
  /** Answers the removed account (for Undo), or null when the record was damaged. */
  'vault.remove': message<StoredAccount | null>()({
    from: 'extension-page',
    request: v.object({ id: v.string(), revision: v.optional(v.number()) }),
  }),
  /** Undo of a removal: the account comes back exactly as it was. */
  'vault.restore': message<StoredAccount>()({
    from: 'extension-page',
    policy: 'restoreAccount',
    request: v.object({ account: STORED_ACCOUNT }),
  }),
  'vault.reorder': message<null>()({
    from: 'extension-page',
    request: v.object({ ids: v.pipe(v.array(v.string()), v.maxLength(100_000)) }),
  }),
  /**
   * "Set up another device": the account's otpauth link, for its QR and key. The popup holds the
   * secret already; asking here puts the unlock and policy checks in the router, in one place.
   */
  'vault.setupKey': message<{ uri: string }>()({
    from: 'extension-page',
    policy: 'showSetupKey',
    request: v.object({ id: v.string() }),
  }),
  'vault.setPassword': message<VaultStatus>()({
    from: 'extension-page',
    policy: 'choosePassword',
    request: v.object({ newPassword: PASSWORD, currentPassword: v.optional(PASSWORD) }),
  }),
  /**
   * Who can unlock with Windows Hello or a security key, and the PRF salt (base64url) they evaluate.
   * Asked while locked too: the lock screen offers "Unlock with this computer" from it.
   */
  'vault.authenticators': message<{ prfSalt: string; authenticators: AuthenticatorEntry[] }>()({
    from: 'extension-page',
    request: EMPTY,
  }),
  /** The salt a new authenticator evaluates, made on first use; for registering one. */
  'vault.authenticatorSalt': message<{ prfSalt: string }>()({
    from: 'extension-page',
    policy: 'authenticatorUnlock',
    request: EMPTY,
  }),
  'vault.addAuthenticator': message<AuthenticatorEntry>()({
    from: 'extension-page',
    policy: 'authenticatorUnlock',
    request: v.object({
      credentialId: CREDENTIAL_ID,
      name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
      transports: v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.maxLength(8)),
      prf: PRF_OUTPUT,
    }),
  }),
  'vault.removeAuthenticator': message<null>()({
    from: 'extension-page',
    request: v.object({ credentialId: CREDENTIAL_ID }),
  }),
  'vault.unlockWithAuthenticator': message<VaultStatus>()({
    from: 'extension-page',
    policy: 'authenticatorUnlock',
    request: v.object({ credentialId: CREDENTIAL_ID, prf: PRF_OUTPUT }),
  }),
  'vault.removePassword': message<VaultStatus>()({
    from: 'extension-page',
    policy: 'removePassword',
    request: v.object({ currentPassword: PASSWORD }),
  }),
};
