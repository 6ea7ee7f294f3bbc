/**
 * The OTP core's public contract; an external acceptance suite imports these names, so keep
 * them stable. Pure TypeScript, no extension APIs: codes come from the otpauth library.
 */
export type { OtpAccount, OtpAlgorithm, OtpType } from '../account';
export { MIN_SECRET_BYTES, normalizeBase32Secret } from './base32';
export { isOtpUriError, OTP_ERROR_CODES, type OtpErrorCode, OtpUriError } from './errors';
export { generateCode, STEAM_ALPHABET, secondsRemaining, timeStep } from './generate';
export { formatOtpauthUri, MAX_URI_LENGTH, parseOtpauthUri } from './uri';
export {
  MAX_DIGITS,
  MIN_DIGITS,
  normalizeAccount,
  OTP_ALGORITHMS,
  OTP_TYPES,
  STEAM_PARAMS,
  validateAccount,
} from './validate';
export { type AccountWarning, accountWarnings, secretBytes } from './warnings';
