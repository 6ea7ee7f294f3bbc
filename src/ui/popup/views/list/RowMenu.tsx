import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StoredAccount } from '../../../../core/account';
import { MoreIcon } from '../../../components/icons';
import { t } from '../../../i18n';

export type MenuAction = 'edit' | 'setup' | 'pin' | 'up' | 'down' | 'delete';

interface Props {
  account: StoredAccount;
  name: string;
  tabbable: boolean;
  canMove: (id: string, delta: -1 | 1) => boolean;
  onAction: (action: MenuAction, account: StoredAccount) => void;
}

const MENU_WIDTH = 200;
const MARGIN = 8;

/** The per-row "More" menu (WAI-ARIA menu button pattern), fixed-positioned so the list cannot clip it. */
export function RowMenu({ account, name, tabbable, canMove, onAction }: Props) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState({ top: 0, left: 0 });
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const buttonId = useId();

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const toggle = () => {
    if (open) return close(true);
    const rect = button.current!.getBoundingClientRect();
    setPosition({
      top: rect.bottom + 4,
      left: Math.max(MARGIN, Math.min(rect.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - MARGIN)),
    });
    setOpen(true);
  };

  useLayoutEffect(() => {
    const element = menu.current;
    if (!open || !element) return;
    // Open upwards when the row is near the bottom of the popup.
    const rect = element.getBoundingClientRect();
    if (rect.bottom > window.innerHeight - MARGIN) {
      const above = button.current!.getBoundingClientRect().top - rect.height - 4;
      element.style.top = `${Math.max(MARGIN, above)}px`;
    }
    element.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    // Scrolling would leave a fixed menu floating over the wrong row.
    const scrolled = (event: Event) => {
      if (!menu.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('scroll', scrolled, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('scroll', scrolled, true);
    };
  }, [open]);

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
        close(true);
        break;
      case 'Tab':
        close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  const choose = (action: MenuAction, enabled = true) => {
    if (!enabled) return;
    close(false);
    onAction(action, account);
  };

  const up = open && canMove(account.id, -1);
  const down = open && canMove(account.id, 1);

  return (
    <>
      <button
        ref={button}
        id={buttonId}
        type="button"
        class="icon-btn"
        tabIndex={tabbable ? 0 : -1}
        aria-label={t('more_for', name)}
        title={t('more')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={toggle}
      >
        <MoreIcon />
      </button>
      {open && (
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
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            class="is-danger"
            onClick={() => choose('delete')}
          >
            {t('menu_delete')}
          </button>
        </div>
      )}
    </>
  );
}
