import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { asAccount, comparable } from '../../../../tests/support/importer-samples.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { battleNetImporter } from './battle-net.ts';
import { mutatedCopies, outcome } from './shared/sample-mutations.ts';

const SAMPLE = 'aegis-samples/battle_net_authenticator.xml';
const input = (text: string) => importInput(utf8(text));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function readError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

// Test-only encoder: the app's fixed mask, written out again here so a change to the importer's
// copy is caught.
const MASK = Uint8Array.from(
  '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a'
    .match(/../g)!
    .map((pair) => Number.parseInt(pair, 16)),
);
const mask = (text: string) => hex(Uint8Array.from(text, (c, i) => c.charCodeAt(0) ^ MASK[i]!));

function prefsFile(values: { secret?: string; serial?: string; encryption?: string }): string {
  const p = 'com.blizzard.messenger.';
  return [
    "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>",
    '<map>',
    `    <string name="${p}AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE">${values.encryption ?? 'MASK'}</string>`,
    `    <boolean name="${p}AUTHENTICATOR_SETUP_POSTPONE_LOGIN" value="false" />`,
    `    <string name="${p}AUTHENTICATOR_DEVICE_SECRET">${values.secret ?? ''}</string>`,
    values.serial === undefined
      ? ''
      : `    <string name="${p}AUTHENTICATOR_SERIAL">${values.serial}</string>`,
    `    <long name="${p}AUTHENTICATOR_SERVER_TIME_DIFF" value="15" />`,
    '</map>',
    '',
  ].join('\n');
}

// "Hello!\xde\xad\xbe\xef" as hex text, as the app keeps its key before masking.
const OWN = { secret: mask('48656c6c6f21deadbeef'), serial: mask('EU-1234-5678-9012') };
const OWN_ACCOUNT = asAccount({
  type: 'totp',
  issuer: 'Battle.net',
  name: 'EU-1234-5678-9012',
  secret: 'JBSWY3DPEHPK3PXP',
  digits: 8,
});

describeSharedSamples({
  tag: 'battle-net',
  title: 'Battle.net sample from ../shared/fixtures/importers',
  importer: battleNetImporter,
  ours: (file) => file === SAMPLE,
  files: [SAMPLE],
  mutations: 300,
});

describe('Battle.net files made here', () => {
  it('unmasks the secret and the serial', async () => {
    const file = input(prefsFile(OWN));
    expect(battleNetImporter.detect(file)).toBe('plain');
    const result = await battleNetImporter.read(file);
    expect(comparable(result.accounts)).toEqual(comparable([OWN_ACCOUNT]));
  });

  it('keeps the key when the serial is missing or unreadable', async () => {
    for (const serial of [undefined, 'zz', mask('\u0001\u0002')]) {
      const result = await battleNetImporter.read(input(prefsFile({ ...OWN, serial })));
      expect(result.accounts.map((a) => [a.label, a.secret])).toEqual([['', 'JBSWY3DPEHPK3PXP']]);
    }
  });

  it('names a keystore-sealed secret, a damaged one and an empty one', async () => {
    expect(
      await readError(battleNetImporter.read(input(prefsFile({ ...OWN, encryption: 'KEYSTORE' })))),
    ).toBe('import-unsupported-version');
    for (const secret of ['not hex', mask('not hex text'), 'ab'.repeat(57)]) {
      expect(await readError(battleNetImporter.read(input(prefsFile({ ...OWN, secret }))))).toBe(
        'import-damaged',
      );
    }
    expect(await readError(battleNetImporter.read(input(prefsFile({ ...OWN, secret: '' }))))).toBe(
      'import-empty',
    );
  });

  it('detects by content only', () => {
    expect(battleNetImporter.detect(input('<map><string name="x">1</string></map>'))).toBe(false);
    expect(
      battleNetImporter.detect(input('{"com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET":"00"}')),
    ).toBe(false);
  });

  it('gives an ImportError or a result for cut-off and bit-flipped files made here', async () => {
    for (const bytes of mutatedCopies(utf8(prefsFile(OWN)), 300, 7)) {
      expect(await outcome(battleNetImporter, bytes)).toMatch(/^(result|import-)/);
    }
  });
});
