/**
 * Request shapes shared by several slices. They check types and bounds at the boundary; the rules
 * about meaning (a valid secret, a known site) stay with the code that owns them (vault, OTP core).
 */
import * as v from 'valibot';

export const EMPTY = v.object({});

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const text = v.pipe(v.string(), v.maxLength(10_000));

export const TAB = v.object({ tabId: count, windowId: count });

const recoveryCodes = v.pipe(v.array(v.object({ code: text, used: v.boolean() })), v.maxLength(100));
const sites = v.pipe(v.array(v.pipe(v.string(), v.maxLength(2_000))), v.maxLength(200));

const otpFields = {
  type: v.picklist(['totp', 'hotp', 'steam']),
  issuer: text,
  label: text,
  secret: v.pipe(v.string(), v.maxLength(1_024)),
  algorithm: v.picklist(['SHA1', 'SHA256', 'SHA512']),
  digits: count,
  period: count,
  counter: count,
};

export const NEW_ACCOUNT = v.object({
  ...otpFields,
  sites: v.optional(sites),
  notes: v.optional(text),
  recoveryCodes: v.optional(recoveryCodes),
  pinned: v.optional(v.boolean()),
});

/** What a page may change on an account; its OTP parameters stay as they were set up. */
export const ACCOUNT_PATCH = v.object({
  issuer: v.optional(text),
  label: v.optional(text),
  sites: v.optional(sites),
  pinned: v.optional(v.boolean()),
  notes: v.optional(text),
  recoveryCodes: v.optional(recoveryCodes),
  counter: v.optional(count),
});

export const STORED_ACCOUNT = v.object({
  ...otpFields,
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  sites,
  order: v.number(),
  pinned: v.boolean(),
  createdAt: v.number(),
  updatedAt: v.number(),
  notes: text,
  recoveryCodes,
  revision: count,
});

export const PASSWORD = v.pipe(v.string(), v.maxLength(4_096));
