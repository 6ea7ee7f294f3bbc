import type { ComponentChildren } from 'preact';
import type { GuideName } from '../../core/guides';
import { openGuide } from '../actions';
import { t } from '../i18n';

/**
 * Opens a guide that ships with Tweestap, in a tab of its own. Without a `guide`, the one for the site the
 * popup was opened on (Microsoft's and Google's sign-in pages have their own), else the general one; the
 * plain address, for a middle click or Ctrl+click, is the general guide.
 */
export function HelpLink({
  guide,
  class: className = 'link',
  children,
}: {
  guide?: GuideName;
  class?: string;
  children?: ComponentChildren;
}) {
  return (
    <a
      class={className}
      href={`/guide.html#${guide ?? 'any-site'}`}
      target="_blank"
      rel="noopener"
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        void openGuide(guide);
      }}
    >
      {children ?? t('help')}
    </a>
  );
}
