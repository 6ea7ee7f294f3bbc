#!/usr/bin/env node
// `npm start`: build the extension, serve the demo site, and open Chromium with the extension loaded.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDemoSite } from '../tests/fixtures/site/server.mjs';

const root = resolve(import.meta.dirname, '..');
const extensionDir = resolve(root, '.output/chrome-mv3');
const profileDir = resolve(root, '.tweestap-profile');

const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = Number(process.env.PORT || 8080);
let site;
try {
  site = await startDemoSite({ port, host: '127.0.0.1' });
} catch (error) {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${port} is already in use. Start on another one: PORT=${port + 1} npm start`);
  process.exit(1);
}
console.log(`\nDemo site: ${site.url}  (set-up page: ${site.url}/setup, login: ${site.url}/login)`);

const howToLoad = `
To load Tweestap by hand in Chrome or Edge:
  1. Open chrome://extensions (Edge: edge://extensions).
  2. Turn on "Developer mode".
  3. Click "Load unpacked" and choose ${extensionDir}
Then open ${site.url}/setup and click the Tweestap icon.`;

const browserPath = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/microsoft-edge',
].find((path) => path && existsSync(path));
const hasDisplay = Boolean(
  process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.platform !== 'linux',
);

if (!hasDisplay || !browserPath) {
  console.log(
    !hasDisplay
      ? '\nThere is no display here (DISPLAY is not set), so no browser window can open.'
      : '\nNo Chromium, Chrome or Edge was found. Install Chromium ("apt-get install -y chromium") or set CHROMIUM_PATH.',
  );
  console.log(howToLoad);
  console.log('\nThe demo site keeps running; press Ctrl+C to stop.');
} else {
  mkdirSync(profileDir, { recursive: true });
  const browser = spawn(
    browserPath,
    [
      `--user-data-dir=${profileDir}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-first-run',
      '--no-default-browser-check',
      `${site.url}/setup`,
    ],
    { stdio: 'inherit' },
  );
  console.log(`\nOpened ${browserPath} with Tweestap loaded (profile kept in .tweestap-profile/).`);
  browser.on('exit', async () => {
    await site.close();
    process.exit(0);
  });
}
