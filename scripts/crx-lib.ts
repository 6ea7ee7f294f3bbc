// The pure part of `npm run crx` (scripts/crx.ts): key → ID, update manifest, and the policy text to print.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { extensionIdFromKey } from '../tests/e2e/extension-id.ts';

export { extensionIdFromKey };

/** Reserved by RFC 2606, so a forgotten TWEESTAP_UPDATE_URL can never point at someone's real server. */
/** The ID of this repository's own builds (wxt.config.ts); a self-hosted CRX never has it. */
const DEVELOPMENT_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';

export const PLACEHOLDER_UPDATE_URL = 'https://updates.example.invalid/tweestap/';

export const MAKE_KEY_HELP = [
  "Make your organisation's key once, keep it outside this repository, and reuse it for every release",
  '(the key fixes the extension ID that your policies name):',
  '  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out tweestap.pem',
  '  TWEESTAP_CRX_KEY=/path/to/tweestap.pem npm run crx',
].join('\n');

/**
 * The manifest `key` form (base64 of the SubjectPublicKeyInfo DER) of a PKCS#8 RSA private key.
 * Chromium's packer accepts only unencrypted PKCS#8, so other forms are refused here with the fix.
 */
export function publicKeyFromPem(pem: string): string {
  if (pem.includes('BEGIN RSA PRIVATE KEY')) {
    throw new Error(
      'The key is PKCS#1 ("BEGIN RSA PRIVATE KEY"); Chromium needs PKCS#8. Convert it once with:\n' +
        '  openssl pkcs8 -topk8 -nocrypt -in old.pem -out tweestap.pem',
    );
  }
  if (pem.includes('BEGIN ENCRYPTED PRIVATE KEY')) {
    throw new Error('The key is encrypted; Chromium can only pack with an unencrypted PKCS#8 key.');
  }
  if (!pem.includes('BEGIN PRIVATE KEY')) {
    throw new Error('The key file is not a PEM private key ("-----BEGIN PRIVATE KEY-----").');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new Error(`The key is ${privateKey.asymmetricKeyType}; CRX3 packing needs an RSA key.`);
  }
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}

/**
 * The build's manifest with the development key swapped for the organisation's. Chromium rewrites `key`
 * from the CRX on install anyway; the swap keeps the packed files themselves naming the organisation's ID.
 * `update_url` is where the installed extension looks for its next version: the organisation's own
 * updates.xml, not the Web Store.
 */
export function withOrganisationKey(
  manifestJson: string,
  publicKey: string,
  updatesXmlUrl: string,
): { json: string; version: string } {
  const manifest = JSON.parse(manifestJson) as { version?: unknown; key?: string };
  if (typeof manifest.version !== 'string') throw new Error('The built manifest.json has no version.');
  return {
    json: JSON.stringify({ ...manifest, key: publicKey, update_url: updatesXmlUrl }),
    version: manifest.version,
  };
}

/** The folder URL both files are served from, always ending in "/" so file names can be appended. */
export function updateBaseUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`TWEESTAP_UPDATE_URL must be an http(s) URL, not ${raw}`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export function crxFileName(version: string): string {
  return `tweestap-${version}.crx`;
}

function xmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Chromium's update manifest ("gupdate" protocol 2.0), which the forcelist entry points at. */
export function updatesXml(id: string, version: string, baseUrl: string): string {
  const codebase = xmlAttribute(`${baseUrl}${crxFileName(version)}`);
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">',
    `  <app appid="${id}">`,
    `    <updatecheck codebase="${codebase}" version="${xmlAttribute(version)}"/>`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}

/** What an administrator pastes into their policy; both entries name the same update manifest. */
export function policyEntries(id: string, baseUrl: string): string {
  const updateUrl = `${baseUrl}updates.xml`;
  const settings = {
    [id]: { installation_mode: 'force_installed', update_url: updateUrl, toolbar_pin: 'force_pinned' },
  };
  return [
    'Policy, either this:',
    `  "ExtensionInstallForcelist": ${JSON.stringify([`${id};${updateUrl}`])}`,
    'or this (it also pins the toolbar button):',
    `  "ExtensionSettings": ${JSON.stringify(settings, null, 2).replace(/\n/g, '\n  ')}`,
    `Tweestap's own settings (docs/admin.md) go under this ID, not under ${DEVELOPMENT_ID}:`,
    `  "3rdparty": {"extensions": {"${id}": { ... }}}`,
    `  Windows registry: HKLM\\Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${id}\\policy`,
    `                    HKLM\\Software\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${id}\\policy`,
    'Chrome and Edge on Windows and macOS force-install from your own server only on domain-joined or',
    'MDM-managed devices.',
  ].join('\n');
}
