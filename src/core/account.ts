/**
 * The shape of an authenticator account as every layer sees it once parsed.
 * The vault adds storage fields (id, sites, order…) in `StoredAccount`.
 */
export type OtpType = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface OtpAccount {
  type: OtpType;
  issuer: string;
  label: string;
  /** Base32 (RFC 4648), upper case, no padding. */
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
}

export interface RecoveryCode {
  code: string;
  used: boolean;
}

export interface StoredAccount extends OtpAccount {
  id: string;
  /** Origins (https://host[:port]) and registrable domains where the code may be filled. */
  sites: string[];
  order: number;
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  notes: string;
  recoveryCodes: RecoveryCode[];
  /** Bumped on every write; a writer holding an older revision is refused. */
  revision: number;
}

/** What adding an account accepts: an OTP account plus any of the optional stored extras. */
export type NewAccount = OtpAccount &
  Partial<Pick<StoredAccount, 'sites' | 'order' | 'pinned' | 'notes' | 'recoveryCodes' | 'createdAt'>>;

/** Fields an update may change; identity and bookkeeping fields are owned by the vault. */
export type AccountPatch = Partial<Omit<StoredAccount, 'id' | 'revision' | 'createdAt' | 'updatedAt'>>;
