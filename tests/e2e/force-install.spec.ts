import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { extensionIdFromKey } from './extension-id';
import { type LaunchedBrowser, launchWithExtension } from './launch';

const ROOT = resolve(import.meta.dirname, '../..');
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_PREFIX = 'tweestap-test-forceinstall-';
const DEVELOPMENT_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const ORG_POLICY = { helpUrl: 'https://help.example.org/', autoLockMinutes: 5 };

/**
 * The self-hosting path of docs/admin.md, end to end: `npm run crx` with an organisation's own key, the
 * CRX and updates.xml served over HTTP, and ExtensionInstallForcelist pointing at them. The forcelist is
 * machine-wide, so playwright.config.ts runs this spec alone, after all the others.
 */
test("an organisation's own CRX force-installs from its server, under its own ID, with its policy", async () => {
  test.skip(process.getuid?.() !== 0, 'writing /etc/chromium/policies/managed needs root (CI runs as root)');
  test.setTimeout(180_000);

  const work = mkdtempSync(join(tmpdir(), 'tweestap-forceinstall-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPath = join(work, 'organisation.pem');
  writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const id = extensionIdFromKey(publicKeyBase64);
  const crxDir = join(work, 'crx');

  const served: string[] = [];
  const server = createServer((request, response) => {
    const name = basename(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = join(crxDir, name);
    if (!name || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    served.push(name);
    const type = name.endsWith('.xml') ? 'text/xml' : 'application/x-chrome-extension';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const updateUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const policyFile = join(POLICY_DIR, `${POLICY_PREFIX}${id}.json`);
  let launched: LaunchedBrowser | undefined;
  try {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'crx'], {
      cwd: ROOT,
      env: {
        ...process.env,
        TWEESTAP_CRX_KEY: keyPath,
        TWEESTAP_UPDATE_URL: updateUrl,
        TWEESTAP_CRX_OUT: crxDir,
      },
    });
    expect(stdout).toContain(`Extension ID: ${id}`);
    // The line an administrator would paste, taken from the output so a wrong one fails the install.
    const forcelist = JSON.parse(/"ExtensionInstallForcelist": (.*)/.exec(stdout)?.[1] ?? 'null');
    expect(forcelist).toEqual([`${id};${updateUrl}updates.xml`]);

    mkdirSync(POLICY_DIR, { recursive: true });
    // A run killed before its finally leaves its file behind; it would force-install into every later run.
    for (const stale of readdirSync(POLICY_DIR).filter((name) => name.startsWith(POLICY_PREFIX))) {
      rmSync(join(POLICY_DIR, stale), { force: true });
    }
    writeFileSync(
      policyFile,
      JSON.stringify({
        ExtensionInstallForcelist: forcelist,
        // Without it Chromium keeps DevTools (and so Playwright) away from force-installed extensions.
        DeveloperToolsAvailability: 1,
        '3rdparty': { extensions: { [id]: ORG_POLICY } },
      }),
    );

    launched = await launchWithExtension(join(work, 'profile'), { loadUnpacked: false });
    const context = launched.context;
    await expect
      .poll(
        () => context.serviceWorkers().some((worker) => worker.url().startsWith(`chrome-extension://${id}/`)),
        {
          message: `the extension ${id} should be installed from ${updateUrl}`,
          timeout: 30_000,
        },
      )
      .toBe(true);
    expect(served).toEqual(
      expect.arrayContaining(['updates.xml', expect.stringMatching(/^tweestap-.+\.crx$/)]),
    );

    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    const self = await page.evaluate(() => chrome.management.getSelf());
    expect(self).toMatchObject({ id, installType: 'admin' });
    expect(id).not.toBe(DEVELOPMENT_ID);
    // Managed storage reads {} for a moment after install.
    await expect
      .poll(() => page.evaluate(() => chrome.storage.managed.get()), { timeout: 20_000 })
      .toEqual(ORG_POLICY);
  } finally {
    rmSync(policyFile, { force: true });
    await launched?.close();
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
    rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
