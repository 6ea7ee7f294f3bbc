import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DECOY_CASES, type FieldCase, SINGLE_CASES, SPLIT_CASES } from '../../../tests/support/fill-cases';
import { chooseTarget } from './choose';
import type { MiniElement } from './describe';
import { type FieldDescriptor, isSplitCell, scoreField, scoreSplitGroup } from './score';
import { normalise } from './words';

/** linkedom has no layout: style attributes and `hidden` stand in for visibility, data-width for width. */
const HIDDEN = '[hidden], [style*="display:none"], [style*="display: none"], [style*="visibility:hidden"]';

function run(c: FieldCase) {
  const { document } = parseHTML(`<!doctype html><html><body>${c.html}</body></html>`);
  const inputs = Array.from(document.querySelectorAll('input')) as unknown as MiniElement[];
  const choice = chooseTarget(inputs, {
    codeLength: c.codeLength ?? 6,
    isVisible: (el) => el.closest(HIDDEN) === null,
    widthOf: (el) => Number(el.getAttribute('data-width') ?? -1),
  });
  return { choice, winners: inputs.filter((el) => el.hasAttribute('data-win')) };
}

describe('chooseTarget on real-world snippets', () => {
  const cases = [...SINGLE_CASES, ...SPLIT_CASES, ...DECOY_CASES];

  it('has a table of at least 30 snippets', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { choice, winners } = run(c);
    if (c.expect === 'none' || c.expect === 'ambiguous') {
      expect(choice).toEqual({ kind: 'none', reason: c.expect === 'none' ? 'no-field' : 'ambiguous' });
      return;
    }
    expect(choice.kind).toBe(c.expect);
    if (choice.kind === 'none') return;
    expect(winners.length).toBeGreaterThan(0);
    expect(choice.fields).toEqual(winners);
  });
});

const field = (over: Partial<FieldDescriptor> = {}): FieldDescriptor => ({
  tag: 'input',
  type: 'text',
  name: '',
  id: '',
  className: '',
  placeholder: '',
  autocomplete: '',
  ariaLabel: '',
  labelText: '',
  title: '',
  role: '',
  inputMode: '',
  pattern: '',
  maxLength: -1,
  minLength: -1,
  size: -1,
  width: -1,
  readOnly: false,
  disabled: false,
  hidden: false,
  nearbyText: '',
  ...over,
});

const opts = { codeLength: 6 };
const score = (over: Partial<FieldDescriptor>) => scoreField(field(over), opts).score;

describe('normalise', () => {
  it.each([
    ['Bestätigungscode', 'bestatigungscode'],
    ['totpPin', 'totp pin'],
    ['twoFACode', 'two fa code'],
    ['Code à usage unique', 'code a usage unique'],
    ['idTxtBx_SAOTCC_OTC', 'id txt bx saotcc otc'],
    ['Straße', 'strasse'],
  ])('%s → %s', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });
});

describe('scoreField', () => {
  it('ranks autocomplete=one-time-code above any word', () => {
    expect(score({ autocomplete: 'one-time-code' })).toBeGreaterThan(
      score({ name: 'otp', labelText: 'Verification code', ariaLabel: 'Two-factor code' }),
    );
  });

  it('ranks strong words above weak ones, and shape adds to either', () => {
    expect(score({ name: 'verificationCode' })).toBeGreaterThan(score({ name: 'code' }));
    expect(score({ name: 'code', inputMode: 'numeric', maxLength: 6 })).toBeGreaterThan(
      score({ name: 'code' }),
    );
  });

  it('lets page context count only for a code-shaped field, and not in a form about cards', () => {
    expect(score({ nearbyText: 'Tweestapsverificatie' })).toBe(0);
    expect(score({ nearbyText: 'Enter the code', inputMode: 'numeric' })).toBeGreaterThan(0);
    expect(score({ nearbyText: 'Card number. Security code', inputMode: 'numeric' })).toBe(0);
  });

  it('rejects a field the code cannot fit', () => {
    expect(scoreField(field({ name: 'otp', maxLength: 4 }), opts).reason).toBe('reject:too-short');
    expect(scoreField(field({ name: 'otp', minLength: 8 }), opts).reason).toBe('reject:too-long');
    expect(scoreField(field({ name: 'otp', pattern: '[a-z]+' }), opts).reason).toBe('reject:pattern');
  });

  it('never accepts a password, hidden, disabled or read-only field, whatever else it says', () => {
    const anyText = fc.string({ maxLength: 30 });
    const descriptor = fc.record({
      name: fc.oneof(anyText, fc.constantFrom('otp', 'code', 'totp')),
      labelText: fc.oneof(anyText, fc.constantFrom('Enter code', 'Verificatiecode')),
      autocomplete: fc.constantFrom('', 'one-time-code', 'off'),
      inputMode: fc.constantFrom('', 'numeric'),
      maxLength: fc.integer({ min: -1, max: 10 }),
      nearbyText: anyText,
    });
    const blocker = fc.constantFrom<Partial<FieldDescriptor>>(
      { type: 'password' },
      { type: 'hidden' },
      { hidden: true },
      { disabled: true },
      { readOnly: true },
    );
    fc.assert(
      fc.property(descriptor, blocker, (d, block) => {
        expect(score({ ...d, ...block })).toBe(0);
      }),
    );
  });
});

describe('split boxes', () => {
  const cell = (over: Partial<FieldDescriptor> = {}) =>
    field({ maxLength: 1, inputMode: 'numeric', ...over });

  it('recognises one-character boxes by maxlength, size or narrow numeric width', () => {
    expect(isSplitCell(cell())).toBe(true);
    expect(isSplitCell(field({ size: 1 }))).toBe(true);
    expect(isSplitCell(field({ inputMode: 'numeric', width: 40 }))).toBe(true);
    expect(isSplitCell(field({ width: 40 }))).toBe(false);
    expect(isSplitCell(field({ inputMode: 'numeric', width: 240 }))).toBe(false);
  });

  it('accepts only a group exactly as long as the code', () => {
    expect(scoreSplitGroup(Array(6).fill(cell()), opts).score).toBeGreaterThan(0);
    expect(scoreSplitGroup(Array(4).fill(cell()), opts).reason).toBe('reject:split-length');
    expect(scoreSplitGroup(Array(3).fill(cell()), { codeLength: 3 }).reason).toBe('reject:split-size');
  });

  it('rejects the whole group when one box is a password or disabled', () => {
    const boxes = Array(6).fill(cell());
    expect(scoreSplitGroup([...boxes.slice(1), cell({ type: 'password' })], opts).score).toBe(0);
    expect(scoreSplitGroup([cell({ disabled: true }), ...boxes.slice(1)], opts).score).toBe(0);
  });
});
