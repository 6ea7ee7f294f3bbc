import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPlist, readRegFile, registryList, registryObject } from '../../../tests/support/policy-files';
import { type ChromeSchema, POLICY_KEY_NAMES, POLICY_KEYS } from './keys';
import { managedSchema } from './keys-schema';
import { parsePolicy } from './parse';

/**
 * The example files in docs/policies are what administrators copy: each must be a policy Tweestap
 * reads without a warning, say what the guide says it does, and hold the same values in every
 * form (JSON, registry, PowerShell, property list).
 */

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs');
const examples = path.join(docs, 'policies');
const read = (name: string) => readFileSync(path.join(examples, name), 'utf8');
const readJson = (name: string): Record<string, unknown> => JSON.parse(read(name));

const ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const UPDATE_URL = 'https://apps.example-school.nl/tweestap/updates.xml';
const CHROME_3RDPARTY = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${ID}\\policy`;
const EDGE_3RDPARTY = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${ID}\\policy`;

/** What docs/policies/README.md and the guides promise each example sets. */
const PROMISED: Record<string, unknown> = {
  'school.json': {
    requirePassword: true,
    passwordMinLength: 12,
    autoLockMinutes: 5,
    disablePlainExport: true,
    helpUrl: 'https://helpdesk.example-school.nl/tweestap',
    supportContact: 'ICT-helpdesk, 010 123 4567',
  },
  'care-organisation.json': {
    allowedSites: ['zorgportaal.example.nl', 'rooster.example.nl', 'microsoftonline.com'],
    requirePassword: true,
    disableExport: true,
    supportContact: 'Servicedesk ICT, servicedesk@example.nl',
  },
};

/** Tweestap's block in a Linux policy file: what Chrome hands to chrome.storage.managed. */
function thirdParty(file: Record<string, unknown>): Record<string, unknown> {
  const extensions = (file['3rdparty'] as { extensions?: Record<string, Record<string, unknown>> })
    ?.extensions;
  expect(Object.keys(extensions ?? {})).toEqual([ID]);
  return extensions?.[ID] ?? {};
}

/** Chrome drops a value its schema refuses before Tweestap sees it: the examples must all pass. */
function schemaProblems(block: Record<string, unknown>): string[] {
  const fits = (value: unknown, schema: ChromeSchema): boolean => {
    switch (schema.type) {
      case 'boolean':
        return typeof value === 'boolean';
      case 'integer':
        return (
          Number.isInteger(value) &&
          (schema.minimum === undefined || (value as number) >= schema.minimum) &&
          (schema.maximum === undefined || (value as number) <= schema.maximum)
        );
      case 'string':
        return typeof value === 'string';
      case 'array':
        return Array.isArray(value) && value.every((item) => !schema.items || fits(item, schema.items));
      default:
        return false;
    }
  };
  const properties = managedSchema().properties ?? {};
  return Object.entries(block).flatMap(([key, value]) => {
    const schema = properties[key];
    return schema && fits(value, schema) ? [] : [`${key} does not fit the managed schema`];
  });
}

function expectCleanPolicy(block: Record<string, unknown>) {
  expect(schemaProblems(block)).toEqual([]);
  const { policy, warnings } = parsePolicy(block);
  expect(warnings).toEqual([]);
  return policy;
}

/** The Payload* keys describe the profile itself; the rest is the preference domain's content. */
function payloadContent(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
}

function profilePayloads(name: string): Map<string, Record<string, unknown>> {
  const profile = readPlist(read(name)) as Record<string, unknown>;
  expect(profile.PayloadType).toBe('Configuration');
  const payloads = profile.PayloadContent as Record<string, unknown>[];
  const uuids = [profile, ...payloads].map((entry) => entry.PayloadUUID);
  for (const uuid of uuids) expect(uuid).toMatch(/^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/);
  expect(new Set(uuids).size).toBe(uuids.length);
  return new Map(payloads.map((payload) => [String(payload.PayloadType), payload]));
}

const jsonFiles = readdirSync(examples).filter((name) => name.endsWith('.json'));

describe('example policies (docs/policies)', () => {
  it.each(jsonFiles.filter((name) => '3rdparty' in readJson(name)))(
    '%s parses with no warning and sets what the guide promises',
    (name) => {
      expect(PROMISED, `add what ${name} promises to PROMISED`).toHaveProperty([name]);
      expect(expectCleanPolicy(thirdParty(readJson(name)))).toEqual(PROMISED[name]);
    },
  );

  it.each([
    ['school.reg', 'school.json'],
    ['care-organisation.reg', 'care-organisation.json'],
  ])('%s holds the same policy as %s, for Chrome and for Edge', (regName, jsonName) => {
    const text = read(regName);
    // regedit reads ASCII with Windows line ends everywhere; other encodings depend on the machine.
    expect(text).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const keys = readRegFile(text);
    const expected = parsePolicy(thirdParty(readJson(jsonName))).policy;
    for (const root of [CHROME_3RDPARTY, EDGE_3RDPARTY]) {
      expect(keys.has(root.toLowerCase()), root).toBe(true);
      expect(expectCleanPolicy(registryObject(keys, root, managedSchema()))).toEqual(expected);
    }
  });

  it('school.ps1 writes the same values as school.json, for Chrome and for Edge', () => {
    const script = read('school.ps1');
    expect(script).toContain(`$id = '${ID}'`);
    expect(script).toContain("foreach ($browser in 'Google\\Chrome', 'Microsoft\\Edge')");
    expect(script).toContain('HKLM:\\SOFTWARE\\Policies\\$browser\\3rdparty\\extensions\\$id\\policy');
    const written: Record<string, unknown> = {};
    for (const [, name, type, value] of script.matchAll(
      /^\s*Set-ItemProperty -Path \$key -Name '(\w+)' -Type (DWord|String) -Value (.+)$/gm,
    )) {
      const property = managedSchema().properties?.[name ?? ''];
      const number = Number(value);
      written[name ?? ''] =
        type === 'String'
          ? value?.replace(/^'|'$/g, '')
          : property?.type === 'boolean'
            ? number !== 0
            : number;
    }
    expect(expectCleanPolicy(written)).toEqual(PROMISED['school.json']);
  });

  it('school.mobileconfig and school.plist hold the same policy as school.json', () => {
    const expected = thirdParty(readJson('school.json'));
    const payloads = profilePayloads('school.mobileconfig');
    expect([...payloads.keys()].sort()).toEqual([
      `com.google.Chrome.extensions.${ID}`,
      `com.microsoft.Edge.extensions.${ID}`,
    ]);
    for (const payload of payloads.values()) expect(payloadContent(payload)).toEqual(expected);
    expect(readPlist(read('school.plist'))).toEqual(expected);
  });

  it('the force-install examples install and pin the same ID from the same address', () => {
    const chrome = readJson('school-install.json');
    const edge = readJson('school-install-edge.json');
    const entry = (pin: Record<string, string>) => ({
      installation_mode: 'force_installed',
      update_url: UPDATE_URL,
      ...pin,
    });
    expect(chrome).toEqual({
      ExtensionInstallForcelist: [`${ID};${UPDATE_URL}`],
      ExtensionSettings: { [ID]: entry({ toolbar_pin: 'force_pinned' }) },
    });
    expect(edge).toEqual({
      ExtensionInstallForcelist: [`${ID};${UPDATE_URL}`],
      ExtensionSettings: { [ID]: entry({ toolbar_state: 'force_shown' }) },
    });

    const keys = readRegFile(read('school-install.reg'));
    for (const [root, expected] of [
      ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome', chrome],
      ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge', edge],
    ] as const) {
      const forcelist = keys.get(`${root}\\ExtensionInstallForcelist`.toLowerCase())?.values;
      expect(forcelist, root).toBeDefined();
      expect(registryList(forcelist ?? new Map(), { type: 'string' })).toEqual(
        expected.ExtensionInstallForcelist,
      );
      const settings = keys.get(root.toLowerCase())?.values.get('ExtensionSettings');
      expect(settings?.kind).toBe('string');
      expect(JSON.parse(String(settings?.value))).toEqual(expected.ExtensionSettings);
    }

    const payloads = profilePayloads('school-install.mobileconfig');
    expect(payloadContent(payloads.get('com.google.Chrome') ?? {})).toEqual(chrome);
    expect(payloadContent(payloads.get('com.microsoft.Edge') ?? {})).toEqual(edge);
  });

  it('README.md names every example file, and every file it links exists', () => {
    const readme = read('README.md');
    const files = readdirSync(examples).filter((name) => name !== 'README.md');
    for (const name of files) expect(readme, name).toContain(`(${name})`);
    for (const [, link] of readme.matchAll(/\]\(([^)#]+)\)/g)) {
      if (link?.startsWith('../')) continue;
      expect(files, link).toContain(link);
    }
  });
});

describe('the administrator guides', () => {
  const guide = readFileSync(path.join(docs, 'admin.md'), 'utf8');
  const dutch = readFileSync(path.join(docs, 'admin.nl.md'), 'utf8');

  it('show only JSON that parses, and 3rdparty blocks Tweestap reads without a warning', () => {
    const blocks = [...guide.matchAll(/```json\n([\s\S]*?)```/g)].map(([, block]) => block ?? '');
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const parsed = JSON.parse(block) as Record<string, unknown>;
      if ('3rdparty' in parsed) expectCleanPolicy(thirdParty(parsed));
    }
  });

  it('link only to example files that exist', () => {
    for (const doc of [guide, dutch]) {
      for (const [, link] of doc.matchAll(/\]\(policies\/([^)#]+)\)/g)) {
        expect(readdirSync(examples), link).toContain(link);
      }
    }
  });

  it("list every key in Dutch with keys.ts's own Dutch admin text", () => {
    const message = 'docs/admin.nl.md is out of date: copy the key lines from POLICY_KEYS[key].admin.nl';
    for (const key of POLICY_KEY_NAMES) {
      expect(dutch, message).toContain(`- \`${key}\`: ${POLICY_KEYS[key].admin.nl}`);
    }
  });
});

describe('the example readers', () => {
  it('convert registry values the way Chromium does, and refuse what they cannot read', () => {
    const keys = readRegFile(
      [
        'Windows Registry Editor Version 5.00',
        '',
        '[HKEY_LOCAL_MACHINE\\P]',
        '"autoLockMinutes"="5"',
        '"requirePassword"="yes"',
        '"allowedSites"="[\\"a.nl\\",\\"b.nl\\"]"',
        '',
        '[HKEY_LOCAL_MACHINE\\P\\Other]',
        '"1"="x"',
        '',
      ].join('\r\n'),
    );
    // A number written as text is accepted; "yes" is no boolean; a list may be one JSON text; a
    // subkey the schema does not name stays, for parsePolicy to warn about.
    expect(registryObject(keys, 'HKEY_LOCAL_MACHINE\\P', managedSchema())).toEqual({
      autoLockMinutes: 5,
      allowedSites: ['a.nl', 'b.nl'],
      Other: { 1: 'x' },
    });
    const withList = readRegFile(
      'Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\L]\r\n"2"="b"\r\n"10"="c"\r\n"1"="a"\r\n"x"="no"\r\n',
    );
    expect(registryList(withList.get('hkey_local_machine\\l')?.values ?? new Map())).toEqual(['a', 'c', 'b']);
    expect(() => readRegFile('Windows Registry Editor Version 5.00\r\n[K]\r\n"a"=dword:c\r\n')).toThrow(
      /line 3/,
    );
    expect(() => readRegFile('REGEDIT4\r\n')).toThrow();
  });

  it('read property lists, and refuse broken ones', () => {
    expect(
      readPlist(
        '<plist version="1.0"><dict><key>a</key><array><string>x &amp; y</string><integer>-3</integer></array><key>b</key><false/><key>c</key><dict/></dict></plist>',
      ),
    ).toEqual({ a: ['x & y', -3], b: false, c: {} });
    expect(() => readPlist('<dict><key>a</key><strin>x</strin></dict>')).toThrow(/unexpected/);
    expect(() => readPlist('<dict><key>a</key><true/><key>a</key><true/></dict>')).toThrow(/twice/);
    expect(() => readPlist('<dict><key>a</key>')).toThrow(/too soon/);
  });
});
