import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import { extensionIdFromKey } from './extension-id';
import { test as base, EXTENSION_DIR, expect } from './fixtures';
import { launchWithExtension } from './launch';

export const POLICY_DIR = '/etc/chromium/policies/managed';

/** A 3rd-party policy for the extension, as an administrator writes it. */
export type ManagedPolicy = Record<string, unknown>;

interface PolicyFixtures {
  /** The policy the browser starts with (`test.use({ policy: {...} })`). */
  policy: ManagedPolicy;
  /** Rewrites the machine's policy file and waits until the running browser hands it to the extension. */
  setPolicy: (policy: ManagedPolicy) => Promise<void>;
}

/**
 * The built extension under an ID of its own, so its policy file reaches this test's browser only:
 * a machine-wide policy for the development ID would reach every browser the suite runs in parallel.
 */
function buildWithOwnId(): { dir: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dir = mkdtempSync(join(tmpdir(), 'tweestap-policy-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, key }));
  return { dir, id: extensionIdFromKey(key) };
}

function writePolicyFile(file: string, id: string, policy: ManagedPolicy): void {
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }));
}

async function managedStorage(page: Page): Promise<unknown> {
  return page.evaluate(() => chrome.storage.managed.get());
}

/**
 * E2E tests under an organisation's policy, written to Chromium's real policy directory. Needs root
 * (CI runs as root); skipped with the reason otherwise. The file is removed when the test ends,
 * passed or failed, because fixture teardown always runs.
 */
export const test = base.extend<
  PolicyFixtures & { ownBuild: { dir: string; id: string }; policyFile: string }
>({
  policy: [{}, { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring form.
  ownBuild: async ({}, use, testInfo) => {
    testInfo.skip(process.getuid?.() !== 0, `writing ${POLICY_DIR} needs root (CI runs as root)`);
    const build = buildWithOwnId();
    await use(build);
    rmSync(build.dir, { recursive: true, force: true });
  },
  policyFile: async ({ ownBuild, policy }, use) => {
    mkdirSync(POLICY_DIR, { recursive: true });
    const file = join(POLICY_DIR, `tweestap-test-${ownBuild.id}.json`);
    writePolicyFile(file, ownBuild.id, policy);
    try {
      await use(file);
    } finally {
      rmSync(file, { force: true });
    }
  },
  launched: async ({ userDataDir, browserLang, scheme, ownBuild, policyFile }, use) => {
    void policyFile;
    const launched = await launchWithExtension(userDataDir, {
      browserLang,
      colorScheme: scheme,
      extensionDir: ownBuild.dir,
    });
    await use(launched);
    await launched.close();
  },
  /** The extension has its policy in managed storage: it reads {} for a moment after start. */
  extensionId: async ({ serviceWorker, ownBuild, policy, context }, use) => {
    void serviceWorker;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${ownBuild.id}/options.html`);
    await expect.poll(() => managedStorage(page), { timeout: 30_000 }).toEqual(policy);
    await page.close();
    await use(ownBuild.id);
  },
  setPolicy: async ({ context, extensionId, ownBuild, policyFile }, use) => {
    await use(async (policy) => {
      writePolicyFile(policyFile, ownBuild.id, policy);
      // Chromium reloads a policy file only once it has been unchanged for 5 s (it may still be
      // being written); then "Reload policies" applies it.
      await sleep(6_000);
      const policyPage = await context.newPage();
      const extensionPage = await context.newPage();
      await extensionPage.goto(`chrome-extension://${extensionId}/options.html`);
      try {
        await expect
          .poll(
            async () => {
              await policyPage.goto('chrome://policy');
              await policyPage.locator('#reload-policies').click();
              return managedStorage(extensionPage);
            },
            { timeout: 60_000, intervals: [2_000] },
          )
          .toEqual(policy);
      } finally {
        await policyPage.close();
        await extensionPage.close();
      }
    });
  },
});

export { expect };
