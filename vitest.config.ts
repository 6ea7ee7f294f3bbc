import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'entrypoints/**/*.test.ts',
      'tests/support/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    setupFiles: ['fake-indexeddb/auto'],
    testTimeout: 30_000,
  },
});
