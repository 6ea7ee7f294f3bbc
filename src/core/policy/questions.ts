/**
 * The questions the message router asks the organisation's policy before a handler runs. Each
 * message slice names the one that guards it; the enterprise-policy work answers them (today every
 * answer is "allowed"). One list, so a new guarded capability is a new word here, not a new check
 * scattered through handlers.
 */
export const POLICY_QUESTIONS = [
  /** Add an account by any path: typed key, scan, image, link. */
  'addAccount',
  /** Change the user's settings. */
  'changeSettings',
  /** Remove the vault's password (an organisation may require one). */
  'removePassword',
  /** Fill a code into a page, or link an account to a site. */
  'fill',
  /** Read a QR code from the tab or an image. */
  'scan',
  /** Show an account's setup key and QR again ("Set up another device"). */
  'showSetupKey',
  /** Take secrets out of Tweestap: a backup file, an otpauth list, a transfer QR. */
  'exportAccounts',
] as const;

export type PolicyQuestion = (typeof POLICY_QUESTIONS)[number];

export type PolicyAnswer = { allowed: true } | { allowed: false; key: string };
