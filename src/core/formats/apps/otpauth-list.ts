/**
 * otpauth:// links in any text: a plain-text export (Aegis, 2FAS, andOTP, the Authenticator
 * extension's `authenticator.txt`…) or links pasted with other text around them. The most general
 * format, so it is tried last: it claims any text with a link in it that no other importer took.
 */
import type { OtpErrorCode } from '../../otp/errors.ts';
import { ImportError, type Importer, type SkipReason } from '../importer.ts';
import { parseOtpauthList } from '../otpauth-list.ts';

const APP = 'otpauth links';

/** A link that reads but asks for something we do not make says so; any other bad link is a bad line. */
function reasonFor(code: OtpErrorCode): SkipReason {
  if (code === 'unsupported-algorithm') return 'unsupported-algorithm';
  if (code === 'bad-type') return 'unsupported-type';
  return 'bad-line';
}

export const otpauthListImporter: Importer = {
  id: 'otpauth-list',
  app: APP,
  detect(input) {
    return /otpauth:\/\//i.test(input.text) ? 'plain' : false;
  },
  async read(input) {
    const { accounts, failed } = parseOtpauthList(input.text);
    if (accounts.length === 0 && failed.length === 0) {
      throw new ImportError('import-empty', 'This text holds no otpauth:// link.');
    }
    return {
      accounts,
      skipped: failed.map(({ line, error, code, name }) => ({
        name,
        reason: reasonFor(code),
        line,
        detail: error,
      })),
    };
  },
};
