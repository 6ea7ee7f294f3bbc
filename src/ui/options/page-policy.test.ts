import { describe, expect, it } from 'vitest';
import { turnedOff } from './page-policy';

describe('turnedOff', () => {
  it('turns nothing off without a policy', () => {
    expect(turnedOff({})).toEqual({ backup: undefined, plain: undefined, import: undefined });
  });

  it('names disableExport for every way out, even beside disablePlainExport', () => {
    expect(turnedOff({ disableExport: true, disablePlainExport: true })).toEqual({
      backup: 'disableExport',
      plain: 'disableExport',
      import: undefined,
    });
  });

  it('leaves the encrypted backup alone under disablePlainExport', () => {
    expect(turnedOff({ disablePlainExport: true })).toEqual({
      backup: undefined,
      plain: 'disablePlainExport',
      import: undefined,
    });
  });

  it('turns import off under disableImport only', () => {
    expect(turnedOff({ disableImport: true }).import).toBe('disableImport');
    expect(turnedOff({ disableImport: false, disableExport: false })).toEqual({
      backup: undefined,
      plain: undefined,
      import: undefined,
    });
  });
});
