import preact from '@preact/preset-vite';
import { defineConfig, type WxtViteConfig } from 'wxt';
import { guideAssets } from './scripts/guides';
import { jsqrShiftJisPlugin } from './scripts/jsqr-shift-jis';
import { MANAGED_SCHEMA_FILE, managedSchema } from './src/core/policy/keys-schema';

/**
 * Public half of the key that fixes the extension ID (nfhdjalblejmoimpgkfefjmogchaeocj) on every
 * machine, so administrators can name it in policy. The private half is not in this repository.
 */
const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx9yPnKUcymPUSZZUAMFx7x4s6kKA7sW91L1RHfmalEk5YqeW5uZK8dAhGJ+qNnFRks0AxZrlbM3MLxfTu7UhrSgGZBPnnyncXw4AJzNORJkPvlWy+e7vTK6eYCrRwPhIvRxkdWcRrUw0tU9yCBYUs2bhskmL+2YMigcNxvSPExSCLpMmuobI29vZEca4nP85zTd3ME+epjCP69LL9zlrgvC68ZE1KfV4idfWOHLEXYXRkSRfrCfp8Vo8CJnGkywQ9+U8vhxqvK7YmyAujvX+Y8Jl1pj9q3uNQ4I5Hal1Myy5zBN4qsVBDRaAb011mDCpApb2bNQPkxdswSIbt4p/swIDAQAB';

export const EXTENSION_ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';

/** Firefox rejects permissions it does not know; its clipboard path needs no offscreen document. */
const CHROME_ONLY_PERMISSIONS = ['offscreen'];

export default defineConfig({
  // Lets several builds of one checkout sit side by side (a helper's E2E run beside the main one).
  outDir: process.env.TWEESTAP_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // `npm run dev` (scripts/dev.mjs): no browser window where there is no display to show it on.
  webExt: {
    disabled: process.env.TWEESTAP_DEV_NO_BROWSER === '1',
    ...(process.env.CHROMIUM_PATH ? { binaries: { chrome: process.env.CHROMIUM_PATH } } : {}),
  },
  // WXT 0.20 bundles its own Vite 7 types while the preset resolves the root Vite 8: same plugin shape.
  vite: () => ({
    plugins: [preact(), jsqrShiftJisPlugin()] as unknown as NonNullable<WxtViteConfig['plugins']>,
    // Workers are bundled apart, with only these plugins: the import's reader decodes QR images too.
    worker: { plugins: () => [jsqrShiftJisPlugin()] as unknown as NonNullable<WxtViteConfig['plugins']> },
    // Every browser we ship for preloads modules itself; Vite's polyfill cost each page 0.4 KB gzip.
    build: {
      modulePreload: { polyfill: false },
      // TWEESTAP_SOURCEMAP=1: what each module costs (scripts/bundle-sizes.ts). Never in a store build.
      sourcemap: process.env.TWEESTAP_SOURCEMAP === '1',
      // TWEESTAP_MINIFY=0: readable function names in a CPU profile of the popup. Never in a store build.
      minify: process.env.TWEESTAP_MINIFY !== '0',
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tweestap@tweestap.nl',
              strict_min_version: '140.0',
              // Firefox asks every new add-on to declare what it sends away; Tweestap sends nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          key: MANIFEST_KEY,
          // Organisation policy: Chrome and Edge check admins' values against it. Firefox has no schema.
          storage: { managed_schema: MANAGED_SCHEMA_FILE },
        }),
    permissions: [
      'storage',
      'activeTab',
      'scripting',
      'alarms',
      'idle',
      'offscreen',
      'clipboardWrite',
      'contextMenus',
      // The vault is the only copy of every secret: without this, Chrome may evict it under storage
      // pressure. It shows no install warning.
      'unlimitedStorage',
    ].filter((permission) => browser !== 'firefox' || !CHROME_ONLY_PERMISSIONS.includes(permission)),
    content_security_policy: {
      // Argon2id runs as WebAssembly; 'wasm-unsafe-eval' allows compiling it and nothing else.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    action: { default_title: '__MSG_extName__' },
    commands: {
      // Alt+Shift+2 ("2" for two-step) is not taken by Chrome or Edge; users can change it in the
      // browser's shortcut settings.
      'fill-code': {
        suggested_key: { default: 'Alt+Shift+2', mac: 'Alt+Shift+2' },
        description: '__MSG_commandFill__',
      },
    },
  }),
  hooks: {
    // Generated from src/core/policy/keys.ts at build time, so no second copy can drift from it.
    'build:publicAssets': (wxt, files) => {
      // The guides, as HTML the guide page fetches, with their screenshots (scripts/guides.ts).
      files.push(...guideAssets());
      if (wxt.config.browser === 'firefox') return;
      files.push({
        relativeDest: MANAGED_SCHEMA_FILE,
        contents: `${JSON.stringify(managedSchema(), null, 2)}\n`,
      });
    },
  },
  zip: {
    excludeSources: [
      '**/*.pem',
      '**/*.log',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      '.env*',
    ],
  },
});
