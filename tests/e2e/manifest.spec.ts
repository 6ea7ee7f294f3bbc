import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { extensionIdFromKey } from './extension-id';
import { EXTENSION_DIR, EXTENSION_ID } from './fixtures';

// Repository rules about what we ship, checked on the real build output.
const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

test('the built manifest is MV3 with the fixed key that gives our ID', () => {
  expect(manifest.manifest_version).toBe(3);
  expect(typeof manifest.key).toBe('string');
  expect(extensionIdFromKey(manifest.key)).toBe(EXTENSION_ID);
});

test('the shipped manifest asks for no broad host access, no remote code and no unsafe-eval', () => {
  const text = JSON.stringify(manifest);
  expect(text).not.toContain('<all_urls>');
  expect(manifest.host_permissions ?? []).toEqual([]);
  expect(manifest.content_scripts ?? []).toEqual([]);
  expect(manifest.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
  expect(manifest.permissions).not.toContain('clipboardRead');
  const csp: string = manifest.content_security_policy?.extension_pages ?? '';
  expect(csp).not.toMatch(/'unsafe-eval'|https?:/);
  expect(manifest.externally_connectable).toBeUndefined();
});
