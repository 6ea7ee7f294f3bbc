// `npm run crx`: a signed CRX3 and its update manifest, for organisations that self-host instead of using
// the Web Store. Env: TWEESTAP_CRX_KEY (required), TWEESTAP_UPDATE_URL, TWEESTAP_OUT_DIR, TWEESTAP_CRX_OUT.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { chromiumMissingMessage, chromiumPath } from '../tests/e2e/chromium-path.ts';
import {
  crxFileName,
  extensionIdFromKey,
  MAKE_KEY_HELP,
  PLACEHOLDER_UPDATE_URL,
  policyEntries,
  publicKeyFromPem,
  updateBaseUrl,
  updatesXml,
  withOrganisationKey,
} from './crx-lib.ts';

function fail(message: string): never {
  console.error(`npm run crx: ${message}`);
  process.exit(1);
}

function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, process.env.TWEESTAP_OUT_DIR ?? '.output');
const buildDir = join(outDir, 'chrome-mv3');
// npm runs scripts from the package root; paths the user typed are relative to where they typed them.
const userDir = process.env.INIT_CWD ?? process.cwd();
const crxOutDir = resolve(userDir, process.env.TWEESTAP_CRX_OUT ?? join(outDir, 'crx'));

if (!process.env.TWEESTAP_CRX_KEY) fail(`TWEESTAP_CRX_KEY is not set.\n${MAKE_KEY_HELP}`);
const keyPath = resolve(userDir, process.env.TWEESTAP_CRX_KEY);
if (!existsSync(keyPath)) fail(`TWEESTAP_CRX_KEY names ${keyPath}, which does not exist.\n${MAKE_KEY_HELP}`);
if (!existsSync(join(buildDir, 'manifest.json'))) {
  fail(
    `there is no build in ${buildDir}. Run "npm run build" first (with the same TWEESTAP_OUT_DIR, if set).`,
  );
}
const missingChromium = chromiumMissingMessage();
if (missingChromium) fail(missingChromium);

let publicKey: string;
let baseUrl: string;
try {
  publicKey = publicKeyFromPem(readFileSync(keyPath, 'utf8'));
  baseUrl = updateBaseUrl(process.env.TWEESTAP_UPDATE_URL ?? PLACEHOLDER_UPDATE_URL);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const id = extensionIdFromKey(publicKey);

/** Packs a copy of the build that carries the organisation's public key; returns where Chromium wrote the CRX. */
function pack(work: string): { crx: string; version: string } {
  const packDir = join(work, 'tweestap');
  cpSync(buildDir, packDir, { recursive: true });
  const manifestPath = join(packDir, 'manifest.json');
  const { json, version } = withOrganisationKey(
    readFileSync(manifestPath, 'utf8'),
    publicKey,
    `${baseUrl}updates.xml`,
  );
  writeFileSync(manifestPath, json);
  const packed = spawnSync(
    chromiumPath(),
    [
      '--headless',
      // Chromium refuses to start as root without it; packing renders no web content.
      '--no-sandbox',
      `--user-data-dir=${join(work, 'profile')}`,
      `--pack-extension=${packDir}`,
      `--pack-extension-key=${keyPath}`,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const crx = `${packDir}.crx`;
  if (packed.status !== 0 || !existsSync(crx)) {
    throw new Error(`Chromium could not pack the extension (exit ${packed.status}).\n${packed.stderr ?? ''}`);
  }
  return { crx, version };
}

function packAndWrite(): { crxPath: string; xmlPath: string } {
  const work = mkdtempSync(join(tmpdir(), 'tweestap-crx-'));
  try {
    const { crx, version } = pack(work);
    mkdirSync(crxOutDir, { recursive: true });
    const crxPath = join(crxOutDir, crxFileName(version));
    const xmlPath = join(crxOutDir, 'updates.xml');
    copyFileSync(crx, crxPath);
    // Chromium writes the CRX owner-only; the web server that hands it out must be able to read it.
    chmodSync(crxPath, 0o644);
    writeFileSync(xmlPath, updatesXml(id, version, baseUrl));
    return { crxPath, xmlPath };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let written: { crxPath: string; xmlPath: string };
try {
  written = packAndWrite();
} catch (error) {
  // Only here, after packAndWrite's finally has removed the temporary copy: process.exit skips finally.
  fail(error instanceof Error ? error.message : String(error));
}
const { crxPath, xmlPath } = written;

console.log(`Extension ID: ${id}`);
console.log(`Written:\n  ${shown(crxPath)}\n  ${shown(xmlPath)}`);
if (baseUrl === PLACEHOLDER_UPDATE_URL) {
  console.log(
    `\nWARNING: ${PLACEHOLDER_UPDATE_URL} is a placeholder. Set TWEESTAP_UPDATE_URL to the folder that\n` +
      'will serve both files (e.g. https://software.school.nl/tweestap/) and run this again.',
  );
}
console.log(`\nServe both files from ${baseUrl}\n`);
console.log(policyEntries(id, baseUrl));
