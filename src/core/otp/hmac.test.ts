import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { HOTP, Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { otpHmac } from './hmac';

const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;

describe('otpHmac (noble-hashes behind otpauth/bare)', () => {
  it('equals Node’s HMAC for every algorithm an account may name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALGORITHMS),
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 80 }),
        (algorithm, key, message) => {
          const expected = createHmac(algorithm.replace('SHA', 'sha'), key).update(message).digest();
          expect(Buffer.from(otpHmac(algorithm, key, message))).toEqual(expected);
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('gives the codes otpauth’s default build gives', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALGORITHMS),
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.integer({ min: 6, max: 8 }),
        fc.nat(),
        (algorithm, bytes, digits, counter) => {
          const secret = new Secret({ buffer: bytes.slice().buffer });
          const withOurs = HOTP.generate({ secret, algorithm, digits, counter, hmac: otpHmac });
          expect(withOurs).toBe(HOTP.generate({ secret, algorithm, digits, counter }));
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('refuses an algorithm no account may have', () => {
    expect(() => otpHmac('SHA3-256', new Uint8Array(10), new Uint8Array(8))).toThrow(RangeError);
  });
});
