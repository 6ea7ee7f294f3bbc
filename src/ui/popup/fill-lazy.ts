/**
 * Fill's code, loaded at its first use (a click on Fill, or a fill the shortcut left for the popup to
 * finish): the popup's first paint does without it. The shell preloads it once the codes are on screen.
 */
import type { fillIn as FillIn } from '../fill-from-popup';
import type { Shell } from './shell';

export const fillIn: typeof FillIn = async (...args) => (await import('../fill-from-popup')).fillIn(...args);

export const finishPendingFill = async (shell: Shell): Promise<void> =>
  (await import('./views/ChooseView')).finishPendingFill(shell);
