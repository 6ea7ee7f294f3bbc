import { describe, expect, it } from 'vitest';
import { describeSharedSamples } from '../../../../tests/support/importer-sample-suite.ts';
import { utf8 } from '../../crypto/bytes.ts';
import { ImportError } from '../importer.ts';
import { importInput } from '../importers.ts';
import { bitwardenImporter } from './bitwarden.ts';

const input = (text: string) => importInput(utf8(text));
const read = (text: string) => bitwardenImporter.read(input(text));

async function readError(text: string): Promise<string> {
  try {
    await read(text);
    return 'no error';
  } catch (error) {
    if (error instanceof ImportError) return error.code;
    throw error;
  }
}

const item = (name: string, totp: string | null, extra: Record<string, unknown> = {}) => ({
  id: name,
  type: 1,
  name,
  notes: null,
  login: { uris: null, username: null, password: 'pw', totp },
  ...extra,
});
const exportOf = (items: unknown[]) => JSON.stringify({ encrypted: false, folders: [], items });

describeSharedSamples({
  tag: 'bitwarden',
  title: 'Bitwarden samples',
  importer: bitwardenImporter,
  ours: (file) => /\/bitwarden\./.test(file),
  files: ['aegis-samples/bitwarden.csv', 'aegis-samples/bitwarden.json'],
  mutations: 200,
  someStillRead: true,
});

describe('Bitwarden JSON', () => {
  it('reads otpauth links, steam:// keys and bare keys, with the item’s notes', async () => {
    const result = await read(
      exportOf([
        item('Example', 'otpauth://totp/Example:ann?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=8', {
          notes: 'desk 4',
        }),
        item('Gaming', 'steam://JRZCL47CMXVOQMNPZR2F7J4RGI', {
          login: { username: 'gamer', totp: 'steam://JRZCL47CMXVOQMNPZR2F7J4RGI' },
        }),
        item('Mail', 'jbsw y3dp ehpk 3pxp', {
          login: { username: 'ann@example.com', totp: 'jbsw y3dp ehpk 3pxp' },
        }),
        item('No issuer in link', 'otpauth://totp/bob?secret=KRSXG5CTMVRXEZLU'),
        item('Plain password', null),
        { id: 'note', type: 2, name: 'A secure note', notes: 'hello', secureNote: { type: 0 } },
      ]),
    );
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual([
      {
        type: 'totp',
        issuer: 'Example',
        label: 'ann',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 8,
        period: 30,
        counter: 0,
        notes: 'desk 4',
      },
      {
        type: 'steam',
        issuer: 'Steam',
        label: 'gamer',
        secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
        counter: 0,
      },
      {
        type: 'totp',
        issuer: 'Mail',
        label: 'ann@example.com',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      {
        type: 'totp',
        issuer: 'No issuer in link',
        label: 'bob',
        secret: 'KRSXG5CTMVRXEZLU',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ]);
  });

  it('skips MD5, unknown kinds and broken keys with their reasons, and keeps the rest', async () => {
    const result = await read(
      exportOf([
        item('Old', 'otpauth://totp/Old:a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5'),
        item('Yandex', 'otpauth://yandex/Y:a?secret=JBSWY3DPEHPK3PXP'),
        item('Typo', 'not a key!'),
        item('Fine', 'otpauth://hotp/Fine:a?secret=JBSWY3DPEHPK3PXP&counter=7'),
        'not an item',
      ]),
    );
    expect(result.accounts.map((a) => [a.type, a.issuer, a.counter])).toEqual([['hotp', 'Fine', 7]]);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Old', 'unsupported-algorithm'],
      ['Yandex', 'unsupported-type'],
      ['Typo', 'bad-secret'],
      ['', 'bad-entry'],
    ]);
  });

  it('refuses an encrypted export with the way out, without asking for a password', async () => {
    const accountKeyed = JSON.stringify({
      encrypted: true,
      encKeyValidation_DO_NOT_EDIT: '2.abc|def|ghi',
      folders: [],
      items: [{ name: '2.x|y|z', login: { totp: '2.x|y|z' } }],
    });
    const passwordKeyed = JSON.stringify({
      encrypted: true,
      passwordProtected: true,
      salt: 'c2FsdA==',
      kdfType: 0,
      kdfIterations: 600000,
      encKeyValidation_DO_NOT_EDIT: '2.abc|def|ghi',
      data: '2.abc|def|ghi',
    });
    for (const file of [accountKeyed, passwordKeyed]) {
      expect(bitwardenImporter.detect(input(file))).toBe('plain');
      await expect(read(file)).rejects.toMatchObject({
        code: 'import-unsupported-version',
        message: expect.stringContaining('"JSON"'),
      });
    }
  });

  it('says an export without TOTP keys is empty, and a cut-off one damaged', async () => {
    expect(await readError(exportOf([item('Plain password', null)]))).toBe('import-empty');
    expect(await readError(exportOf([]))).toBe('import-empty');
    expect(
      await readError(exportOf([item('a', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP')]).slice(0, -3)),
    ).toBe('import-damaged');
  });

  it('reads pre-2020 exports, which had no "encrypted" flag, and leaves other JSON alone', () => {
    expect(bitwardenImporter.detect(input(JSON.stringify({ folders: [], items: [] })))).toBe('plain');
    expect(bitwardenImporter.detect(input(JSON.stringify({ items: [] })))).toBe(false);
    expect(bitwardenImporter.detect(input(JSON.stringify({ encrypted: false })))).toBe(false);
    expect(bitwardenImporter.detect(input('[1,2]'))).toBe(false);
  });
});

describe('Bitwarden CSV', () => {
  const header =
    'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';

  it('reads quoted fields with commas, quotes and line breaks, CRLF and a BOM', async () => {
    const csv =
      `\uFEFF${header}\r\n` +
      `Work,1,login,"Acme, Inc.","line one\r\nline ""two""",,0,https://acme.example,ann,"p,w","otpauth://totp/Acme:ann?secret=JBSWY3DPEHPK3PXP&issuer=Acme"\r\n` +
      `,,login,No key,,,0,,bob,pw,\r\n` +
      `,,login,Bare,,,0,,carol,pw,KRSXG5CTMVRXEZLU\r\n`;
    expect(bitwardenImporter.detect(input(csv))).toBe('plain');
    const result = await read(csv);
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map((a) => [a.issuer, a.label, a.secret, a.notes])).toEqual([
      ['Acme', 'ann', 'JBSWY3DPEHPK3PXP', 'line one\r\nline "two"'],
      ['Bare', 'carol', 'KRSXG5CTMVRXEZLU', undefined],
    ]);
  });

  it('finds the columns by name, in any order', async () => {
    const csv = 'login_totp,name,login_username\nsteam://JRZCL47CMXVOQMNPZR2F7J4RGI,Steam,gamer\n';
    const [account] = (await read(csv)).accounts;
    expect(account).toMatchObject({ type: 'steam', issuer: 'Steam', label: 'gamer' });
  });

  it('says a file cut inside a quoted field is damaged, and one with only a header empty', async () => {
    expect(await readError(`${header}\n,,login,"Cut off,,,,,,,,\n`)).toBe('import-damaged');
    expect(await readError(`${header}\n`)).toBe('import-empty');
  });

  it('leaves CSV files of other apps alone', () => {
    expect(bitwardenImporter.detect(input('url,username,password,totp\nhttps://a,b,c,d\n'))).toBe(false);
    expect(bitwardenImporter.detect(input('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n'))).toBe(false);
  });
});
