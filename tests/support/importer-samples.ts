/**
 * The other apps' export samples in ../shared/fixtures/importers (read in place: their licences
 * differ from ours) with the entries each must yield, as our account fields. Absent on a plain
 * clone: `SAMPLES_DIR` is then undefined and the tests that need it skip, saying why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OtpAccount } from '../../src/core/account.ts';

const root = resolve(import.meta.dirname, '../../../shared/fixtures/importers');
export const SAMPLES_DIR: string | undefined = existsSync(root) ? root : undefined;
export const SAMPLES_MISSING = `../shared/fixtures/importers not found beside the repo (${root}): sample tests skipped`;

export interface Sample {
  /** Path relative to the importers folder, e.g. 'aegis-samples/aegis_plain.json'. */
  file: string;
  password: string | undefined;
  encrypted: boolean;
  expected: OtpAccount[];
  notes?: string;
}

interface RawEntry {
  /** 'battle': Battle.net's codes, which are TOTP with 8 digits (the extension's own type name). */
  type: 'totp' | 'hotp' | 'steam' | 'battle';
  issuer?: string;
  name?: string;
  account?: string;
  secret: string;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
  counter?: number;
}

/** Our shape: base32 without padding, upper case; Steam's 5 characters; zeros where a field is not used. */
export function asAccount(raw: RawEntry): OtpAccount {
  const entry = { ...raw, type: raw.type === 'battle' ? 'totp' : raw.type };
  return {
    type: entry.type,
    issuer: entry.issuer ?? '',
    label: entry.name ?? entry.account ?? '',
    secret: entry.secret.replace(/=+$/, '').toUpperCase(),
    algorithm: entry.algorithm ?? 'SHA1',
    digits: entry.type === 'steam' ? 5 : (entry.digits ?? 6),
    period: entry.type === 'hotp' ? 30 : (entry.period ?? 30),
    counter: entry.type === 'hotp' ? (entry.counter ?? 0) : 0,
  };
}

/** Every sample with its expected entries: the Aegis set and the Authenticator extension's set. */
export function importerSamples(): Sample[] {
  if (!SAMPLES_DIR) return [];
  const aegis = JSON.parse(readFileSync(join(SAMPLES_DIR, 'aegis-samples/EXPECTED.json'), 'utf8')) as {
    samples: {
      file: string;
      password: string | null;
      encrypted: boolean;
      expected_entries: RawEntry[];
      notes?: string;
    }[];
  };
  const ext = JSON.parse(
    readFileSync(join(SAMPLES_DIR, 'authenticator-ext-samples/EXPECTED.json'), 'utf8'),
  ) as {
    password_for_encrypted: string;
    files: Record<
      string,
      { encrypted: boolean; expected_entries: RawEntry[]; notes?: string; password?: string }
    >;
  };
  return [
    ...aegis.samples.map((sample) => ({
      file: `aegis-samples/${sample.file}`,
      password: sample.password ?? undefined,
      encrypted: sample.encrypted,
      expected: sample.expected_entries.map(asAccount),
      notes: sample.notes,
    })),
    ...Object.entries(ext.files).map(([file, sample]) => ({
      file: `authenticator-ext-samples/${file}`,
      password: sample.encrypted ? (sample.password ?? ext.password_for_encrypted) : undefined,
      encrypted: sample.encrypted,
      expected: (sample.expected_entries ?? []).map(asAccount),
      notes: sample.notes,
    })),
  ];
}

export function sampleBytes(file: string): Uint8Array {
  if (!SAMPLES_DIR) throw new Error(SAMPLES_MISSING);
  return new Uint8Array(readFileSync(join(SAMPLES_DIR, file)));
}

/** The fields a test compares, in a stable order (the samples do not promise order). */
export const comparable = (accounts: readonly OtpAccount[]) =>
  accounts
    .map(({ type, issuer, label, secret, algorithm, digits, period, counter }) => ({
      type,
      issuer,
      label,
      secret,
      algorithm,
      digits,
      period,
      counter,
    }))
    .sort((a, b) => (a.secret + a.type).localeCompare(b.secret + b.type));
