#!/usr/bin/env node
// `npm run dev`: WXT's dev mode (rebuilds on every change, reloads the extension). It opens a browser
// with the extension only where there is a display; without one it says so and keeps rebuilding.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const hasDisplay = Boolean(
  process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.platform !== 'linux',
);
const env = { ...process.env };
if (!hasDisplay) {
  env.TWEESTAP_DEV_NO_BROWSER = '1';
  console.log(
    'There is no display here (DISPLAY is not set), so no browser window opens. WXT still rebuilds on\n' +
      `every change into ${resolve(root, '.output/chrome-mv3-dev')}: load that folder at chrome://extensions\n` +
      '("Developer mode", then "Load unpacked") on a machine with a screen, or use `npm start` there.',
  );
} else if (!env.CHROMIUM_PATH && existsSync('/usr/bin/chromium')) {
  env.CHROMIUM_PATH = '/usr/bin/chromium';
}
const wxt = spawn('npx', ['wxt', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
wxt.on('exit', (code) => process.exit(code ?? 0));
