import { existsSync } from 'node:fs';

/** Debian's Chromium unless CHROMIUM_PATH says otherwise; Playwright never downloads its own. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function chromiumMissingMessage(): string | undefined {
  const path = chromiumPath();
  if (existsSync(path)) return undefined;
  return `Chromium was not found at ${path}. Install it with "apt-get install -y chromium" (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
}
