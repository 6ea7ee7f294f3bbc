import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

/**
 * WXT's fakeBrowser implements storage, alarms, runtime and tabs in memory, but leaves the event
 * sources of commands, context menus and idle unimplemented (they throw). The worker only subscribes
 * to them at start, so tests that boot it give them inert listeners.
 */
export function fakeBrowserForWorker(): typeof fakeBrowser {
  fakeBrowser.reset();
  const inert = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn(() => false) });
  Object.assign(fakeBrowser.commands, { onCommand: inert() });
  Object.assign(fakeBrowser.contextMenus, { onClicked: inert(), create: vi.fn() });
  Object.assign(fakeBrowser.idle, { onStateChanged: inert() });
  return fakeBrowser;
}
