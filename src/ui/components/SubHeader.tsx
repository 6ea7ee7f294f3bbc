import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { BackIcon } from './icons';

interface Props {
  title: string;
  onBack: () => void;
  /** Start here: the button that led to this view is gone, and the title says where the user now is. */
  focusTitle?: boolean;
}

/** The bar of every view inside the popup: Back and where you are. */
export function SubHeader({ title, onBack, focusTitle }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, []);
  return (
    <header class="topbar">
      <div class="topbar-row">
        <button type="button" class="icon-btn" aria-label={t('back')} title={t('back')} onClick={onBack}>
          <BackIcon />
        </button>
        <h1 class="view-title" ref={heading} tabIndex={focusTitle ? -1 : undefined}>
          {title}
        </h1>
      </div>
    </header>
  );
}
