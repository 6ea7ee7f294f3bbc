import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { StoredAccount } from '../../../../core/account';
import { t } from '../../../i18n';
import { makeRoomFor } from '../../../popup-room';
import { MARGIN, MENU_WIDTH, type MenuAction } from './RowMenu';

interface Props {
  account: StoredAccount;
  buttonId: string;
  button: RefObject<HTMLButtonElement | null>;
  position: { top: number; left: number };
  canMove: (id: string, delta: -1 | 1) => boolean;
  onChoose: (action: MenuAction) => void;
  onClose: (refocus: boolean) => void;
}

/**
 * The open "More" menu: loaded on demand (the list shows only its button at start). Mounted on
 * open, so placing it and focusing its first item happen when it appears, however late it loaded.
 */
export function RowMenuItems({ account, buttonId, button, position, canMove, onChoose, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const element = menu.current!;
    // Open upwards when the row is near the bottom of the popup.
    const rect = element.getBoundingClientRect();
    if (rect.bottom > window.innerHeight - MARGIN) {
      const above = button.current!.getBoundingClientRect().top - rect.height - 4;
      element.style.top = `${Math.max(MARGIN, above)}px`;
    }
    // Still too tall (a popup with one account): the popup grows to hold every item.
    const release = makeRoomFor(element);
    element.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
    return release;
  }, []);

  useEffect(() => {
    const outside = (event: Event) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) onClose(false);
    };
    // Scrolling would leave a fixed menu floating over the wrong row.
    const scrolled = (event: Event) => {
      if (!menu.current?.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('scroll', scrolled, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('scroll', scrolled, true);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    // The row and the page have their own keys (arrows move between rows, letters search).
    event.stopPropagation();
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => items[(index + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(items.length - 1);
        break;
      case 'Escape':
        onClose(true);
        break;
      case 'Tab':
        onClose(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  const choose = (action: MenuAction, enabled = true) => {
    if (!enabled) return;
    onClose(false);
    onChoose(action);
  };

  const up = canMove(account.id, -1);
  const down = canMove(account.id, 1);

  return (
    <div
      ref={menu}
      class="menu"
      role="menu"
      aria-labelledby={buttonId}
      style={{ top: `${position.top}px`, left: `${position.left}px`, width: `${MENU_WIDTH}px` }}
      onKeyDown={onKeyDown}
    >
      <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose('edit')}>
        {t('menu_edit')}
      </button>
      <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose('setup')}>
        {t('menu_setup_device')}
      </button>
      <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose('pin')}>
        {account.pinned ? t('menu_unpin') : t('menu_pin')}
      </button>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        aria-disabled={!up}
        onClick={() => choose('up', up)}
      >
        {t('menu_move_up')}
      </button>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        aria-disabled={!down}
        onClick={() => choose('down', down)}
      >
        {t('menu_move_down')}
      </button>
      <hr />
      <button type="button" role="menuitem" tabIndex={-1} class="is-danger" onClick={() => choose('delete')}>
        {t('menu_delete')}
      </button>
    </div>
  );
}
