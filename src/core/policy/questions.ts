/**
 * The questions the message router asks the organisation's policy before a handler runs. Each
 * message slice names the one that guards it; `src/background/policy.ts` answers them from the
 * managed policy. One list, so a new guarded capability is a new word here, not a new check
 * scattered through handlers.
 */
export const POLICY_QUESTIONS = [
  /** Read the accounts (their secrets and codes). */
  'listAccounts',
  /** Add an account from the popup: a typed key or a pasted link, or one a scan found. */
  'addAccount',
  /** Bring back an account just removed (Undo). */
  'restoreAccount',
  /** Change an account; its linked sites are what policy cares about. */
  'editAccount',
  /** Change the user's settings. */
  'changeSettings',
  /** Set or change the vault's password: the organisation may set rules for it. */
  'choosePassword',
  /** Remove the vault's password (an organisation may require one). */
  'removePassword',
  /** Fill a code into a page, or link an account to a site. */
  'fill',
  /** Read a QR code from the tab or an image. */
  'scan',
  /** Show an account's setup key and QR again ("Set up another device"). */
  'showSetupKey',
  /** Save an encrypted backup file. */
  'exportAccounts',
  /** Take secrets out unencrypted: an otpauth list, a transfer QR. */
  'exportPlain',
  /** Read a backup or another app's export, and add what it holds. */
  'importAccounts',
  /** Unlock with, or register, Windows Hello, Touch ID or a security key (a WebAuthn key slot). */
  'authenticatorUnlock',
  /** Sync accounts between the user's computers through the browser. */
  'sync',
] as const;

export type PolicyQuestion = (typeof POLICY_QUESTIONS)[number];

/** `key`: the policy key that refuses, for the UI to explain and for the admin to find. */
export type PolicyAnswer = { allowed: true } | { allowed: false; key: string };
