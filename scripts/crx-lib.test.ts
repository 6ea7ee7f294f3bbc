import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  extensionIdFromKey,
  PLACEHOLDER_UPDATE_URL,
  policyEntries,
  publicKeyFromPem,
  updateBaseUrl,
  updatesXml,
  withOrganisationKey,
} from './crx-lib';

// The development key from wxt.config.ts and the ID Chromium gives it (checked on a real build by manifest.spec.ts).
const DEV_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx9yPnKUcymPUSZZUAMFx7x4s6kKA7sW91L1RHfmalEk5YqeW5uZK8dAhGJ+qNnFRks0AxZrlbM3MLxfTu7UhrSgGZBPnnyncXw4AJzNORJkPvlWy+e7vTK6eYCrRwPhIvRxkdWcRrUw0tU9yCBYUs2bhskmL+2YMigcNxvSPExSCLpMmuobI29vZEca4nP85zTd3ME+epjCP69LL9zlrgvC68ZE1KfV4idfWOHLEXYXRkSRfrCfp8Vo8CJnGkywQ9+U8vhxqvK7YmyAujvX+Y8Jl1pj9q3uNQ4I5Hal1Myy5zBN4qsVBDRaAb011mDCpApb2bNQPkxdswSIbt4p/swIDAQAB';
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = 'https://software.school.nl/tweestap/';

function rsaKey() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

describe('publicKeyFromPem', () => {
  it('gives the SPKI DER in base64, the form of the manifest key', () => {
    const { privateKey, publicKey } = rsaKey();
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const expected = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(publicKeyFromPem(pem)).toBe(expected);
    expect(extensionIdFromKey(publicKeyFromPem(pem))).toMatch(/^[a-p]{32}$/);
  });

  it('refuses what Chromium cannot pack, saying how to fix it', () => {
    const { privateKey } = rsaKey();
    expect(() => publicKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string)).toThrow(
      /openssl pkcs8 -topk8/,
    );
    const encrypted = privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'x',
    }) as string;
    expect(() => publicKeyFromPem(encrypted)).toThrow(/unencrypted/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(() => publicKeyFromPem(ec.export({ type: 'pkcs8', format: 'pem' }) as string)).toThrow(/RSA/);
    expect(() => publicKeyFromPem('not a key')).toThrow(/PEM/);
  });
});

describe('extensionIdFromKey', () => {
  it("is Chromium's ID for the development key", () => {
    expect(extensionIdFromKey(DEV_KEY)).toBe('nfhdjalblejmoimpgkfefjmogchaeocj');
  });
});

describe('withOrganisationKey', () => {
  it('replaces the development key and keeps everything else', () => {
    const built = JSON.stringify({ manifest_version: 3, version: '1.2.3', key: DEV_KEY, name: 'x' });
    const { json, version } = withOrganisationKey(built, 'ORGKEY', 'https://sw.school.nl/t/updates.xml');
    expect(version).toBe('1.2.3');
    expect(JSON.parse(json)).toEqual({
      manifest_version: 3,
      version: '1.2.3',
      key: 'ORGKEY',
      name: 'x',
      update_url: 'https://sw.school.nl/t/updates.xml',
    });
  });

  it('adds the key to a build without one, and refuses a manifest without a version', () => {
    const url = 'https://sw.school.nl/t/updates.xml';
    expect(JSON.parse(withOrganisationKey('{"version":"1.0"}', 'ORGKEY', url).json).key).toBe('ORGKEY');
    expect(() => withOrganisationKey('{}', 'ORGKEY', url)).toThrow(/version/);
  });
});

describe('updateBaseUrl', () => {
  it('ends in one slash so file names can follow', () => {
    expect(updateBaseUrl('https://software.school.nl/tweestap')).toBe(BASE);
    expect(updateBaseUrl(BASE)).toBe(BASE);
    expect(updateBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
    expect(updateBaseUrl(PLACEHOLDER_UPDATE_URL)).toBe(PLACEHOLDER_UPDATE_URL);
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => updateBaseUrl('software.school.nl/tweestap')).toThrow();
    expect(() => updateBaseUrl('file:///srv/tweestap/')).toThrow(/http/);
  });
});

describe('updatesXml', () => {
  it('is a gupdate manifest naming the ID, the CRX URL and the version', () => {
    expect(updatesXml(ID, '1.2.3', BASE)).toBe(
      [
        "<?xml version='1.0' encoding='UTF-8'?>",
        '<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">',
        `  <app appid="${ID}">`,
        `    <updatecheck codebase="${BASE}tweestap-1.2.3.crx" version="1.2.3"/>`,
        '  </app>',
        '</gupdate>',
        '',
      ].join('\n'),
    );
  });

  it('escapes the URL for an XML attribute', () => {
    expect(updatesXml(ID, '1.0', 'https://x.nl/r&d/"q"/')).toContain(
      'codebase="https://x.nl/r&amp;d/&quot;q&quot;/tweestap-1.0.crx"',
    );
  });
});

describe('policyEntries', () => {
  const text = policyEntries(ID, BASE);

  it('gives a forcelist entry and ExtensionSettings that parse as JSON and name the update manifest', () => {
    const forcelist = /"ExtensionInstallForcelist": (.*)/.exec(text)?.[1];
    expect(JSON.parse(forcelist ?? '')).toEqual([`${ID};${BASE}updates.xml`]);
    const settings = /"ExtensionSettings": (\{[\s\S]*?\n {2}\})/.exec(text)?.[1];
    expect(JSON.parse(settings ?? '')).toEqual({
      [ID]: {
        installation_mode: 'force_installed',
        update_url: `${BASE}updates.xml`,
        toolbar_pin: 'force_pinned',
      },
    });
  });

  it('says where the 3rdparty settings go, under the same ID', () => {
    expect(text).toContain(`"3rdparty": {"extensions": {"${ID}": { ... }}}`);
    expect(text).toContain(`\\Google\\Chrome\\3rdparty\\extensions\\${ID}\\policy`);
    expect(text).toContain(`\\Microsoft\\Edge\\3rdparty\\extensions\\${ID}\\policy`);
  });
});
