import { useId, useRef, useState } from 'preact/hooks';
import type { StoredAccount } from '../../../../core/account';
import { MoreIcon } from '../../../components/icons';
import { lazyView } from '../../../components/lazy';
import { t } from '../../../i18n';

export type MenuAction = 'edit' | 'setup' | 'pin' | 'up' | 'down' | 'delete';

interface Props {
  account: StoredAccount;
  name: string;
  tabbable: boolean;
  canMove: (id: string, delta: -1 | 1) => boolean;
  onAction: (action: MenuAction, account: StoredAccount) => void;
}

export const MENU_WIDTH = 200;
export const MARGIN = 8;

export const RowMenuItems = lazyView(async () => (await import('./RowMenuItems')).RowMenuItems);

/** The per-row "More" menu (WAI-ARIA menu button pattern), fixed-positioned so the list cannot clip it. */
export function RowMenu({ account, name, tabbable, canMove, onAction }: Props) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState({ top: 0, left: 0 });
  const button = useRef<HTMLButtonElement>(null);
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
        <RowMenuItems
          account={account}
          buttonId={buttonId}
          button={button}
          position={position}
          canMove={canMove}
          onChoose={(action) => onAction(action, account)}
          onClose={close}
        />
      )}
    </>
  );
}
