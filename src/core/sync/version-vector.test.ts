import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VersionVector } from './types.ts';
import { bump, compare, join } from './version-vector.ts';

const A = 'aaaaaaaa';
const B = 'bbbbbbbb';
const C = 'cccccccc';

// Few computers and small counts, so vectors often meet, tie and cross.
const vvArb: fc.Arbitrary<VersionVector> = fc.dictionary(fc.constantFrom(A, B, C), fc.nat(3), { maxKeys: 3 });

describe('compare', () => {
  it.each([
    [{}, {}, 'equal'],
    [{ [A]: 1 }, { [A]: 1 }, 'equal'],
    [{ [A]: 1, [B]: 0 }, { [A]: 1 }, 'equal'],
    [{}, { [A]: 1 }, 'before'],
    [{ [A]: 1 }, { [A]: 2 }, 'before'],
    [{ [A]: 1 }, { [A]: 1, [B]: 1 }, 'before'],
    [{ [A]: 2, [B]: 1 }, { [A]: 1, [B]: 1 }, 'after'],
    [{ [A]: 1 }, { [B]: 1 }, 'concurrent'],
    [{ [A]: 2, [B]: 1 }, { [A]: 1, [B]: 2 }, 'concurrent'],
  ] as const)('%j vs %j is %s', (a, b, order) => {
    expect(compare(a, b)).toBe(order);
  });

  it('reads no inherited keys: a vector from elsewhere cannot claim `constructor` counts', () => {
    expect(compare({ constructor: 1 }, {})).toBe('after');
    expect(compare({}, { constructor: 1 })).toBe('before');
    expect(join({}, { toString: 2 })).toEqual({ toString: 2 });
  });

  it('is antisymmetric', () => {
    const mirror = { equal: 'equal', before: 'after', after: 'before', concurrent: 'concurrent' } as const;
    fc.assert(fc.property(vvArb, vvArb, (a, b) => compare(b, a) === mirror[compare(a, b)]));
  });
});

/** x has seen every change y has. */
const seen = (x: VersionVector, y: VersionVector) => compare(x, y) === 'after' || compare(x, y) === 'equal';

describe('join', () => {
  it('takes the larger count per computer', () => {
    expect(join({ [A]: 2, [B]: 1 }, { [B]: 3, [C]: 1 })).toEqual({ [A]: 2, [B]: 3, [C]: 1 });
  });

  it('is the least vector that has seen both', () => {
    fc.assert(
      fc.property(vvArb, vvArb, vvArb, (a, b, c) => {
        const j = join(a, b);
        expect(seen(j, a) && seen(j, b)).toBe(true);
        if (seen(c, a) && seen(c, b)) expect(seen(c, j)).toBe(true);
        expect(join(a, b)).toEqual(join(b, a));
        expect(join(a, join(b, c))).toEqual(join(join(a, b), c));
      }),
    );
  });

  it('writes the same bytes whichever side it was computed from', () => {
    expect(JSON.stringify(join({ [B]: 1 }, { [A]: 1 }))).toBe(JSON.stringify(join({ [A]: 1 }, { [B]: 1 })));
    expect(JSON.stringify(join({ [A]: 0, [B]: 1 }, {}))).toBe(JSON.stringify({ [B]: 1 }));
  });
});

describe('bump', () => {
  it('adds one change for the computer and leaves the input alone', () => {
    const vv = { [A]: 1 };
    expect(bump(vv, B)).toEqual({ [A]: 1, [B]: 1 });
    expect(bump(vv, A)).toEqual({ [A]: 2 });
    expect(vv).toEqual({ [A]: 1 });
  });

  it('always supersedes what it bumped', () => {
    fc.assert(
      fc.property(vvArb, fc.constantFrom(A, B, C), (vv, device) => compare(bump(vv, device), vv) === 'after'),
    );
  });
});
