import { describe, expect, expectTypeOf, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { isOtpUriError, OTP_ERROR_CODES, type OtpErrorCode, OtpUriError } from './index';

describe('OtpUriError', () => {
  it('uses only codes from the shared list the UI translates', () => {
    expectTypeOf<OtpErrorCode>().toExtend<ErrorCode>();
    for (const code of OTP_ERROR_CODES) expect(ERROR_CODES).toContain(code);
  });

  it('is a real Error carrying a code, a message, and optional position and cause', () => {
    const cause = new URIError('URI malformed');
    const error = new OtpUriError('bad-base32', 'Bad character.', { position: 3, cause });
    expect(error).toBeInstanceOf(Error);
    expect(isOtpUriError(error)).toBe(true);
    expect(isOtpUriError(new Error('x'))).toBe(false);
    expect([error.name, error.code, error.message, error.position, error.cause]).toEqual([
      'OtpUriError',
      'bad-base32',
      'Bad character.',
      3,
      cause,
    ]);
    expect(String(error)).toBe('OtpUriError: Bad character.');
    expect(new OtpUriError('bad-uri', 'x').position).toBeUndefined();
  });
});
