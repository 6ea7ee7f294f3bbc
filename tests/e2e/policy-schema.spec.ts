import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parsePolicy } from '../../src/core/policy/parse';
import { launchWithExtension } from './launch';

const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'tweestap-test-schema.json');

/**
 * The managed schema generated from src/core/policy/keys.ts is one Chromium accepts: the extension
 * loads with it, and an administrator's policy file reaches chrome.storage.managed through it.
 * Writing the machine's policy directory needs root, which CI has.
 */
test("an administrator's policy file reaches the extension through the generated schema", async () => {
  test.skip(process.getuid?.() !== 0, 'writing /etc/chromium/policies/managed needs root (CI runs as root)');
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(
    POLICY_FILE,
    JSON.stringify({
      '3rdparty': {
        extensions: {
          [EXTENSION_ID]: { requirePassword: true, autoLockMinutes: 5, allowedSites: ['school.nl'] },
        },
      },
    }),
  );
  const profile = mkdtempSync(join(tmpdir(), 'tweestap-policy-'));
  const launched = await launchWithExtension(profile);
  try {
    const page = await launched.context.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    // Managed storage reads {} for a moment after start: wait for the policy to arrive.
    await expect
      .poll(() => page.evaluate(() => chrome.storage.managed.get()), { timeout: 15_000 })
      .toMatchObject({ requirePassword: true });
    const managed = await page.evaluate(() => chrome.storage.managed.get());
    const { policy, warnings } = parsePolicy(managed);
    expect(policy).toMatchObject({ requirePassword: true, autoLockMinutes: 5, allowedSites: ['school.nl'] });
    expect(warnings).toEqual([]);
  } finally {
    rmSync(POLICY_FILE, { force: true });
    await launched.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
