import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { GENERAL_GUIDE, type GuideName, guideForUrl, guidePath } from '../../core/guides';
import { currentTab, openExtensionTab } from '../actions';
import { t } from '../i18n';

/**
 * Opens a guide that ships with Tweestap, in a tab of its own. Without a `guide`, the one for the site the
 * popup was opened on (Microsoft's and Google's sign-in pages have their own), else the general one.
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
  const [forSite, setForSite] = useState<GuideName>(GENERAL_GUIDE);
  useEffect(() => {
    if (guide) return;
    let live = true;
    void currentTab().then((tab) => live && setForSite(guideForUrl(tab?.url)));
    return () => {
      live = false;
    };
  }, [guide]);
  const path = guidePath(guide ?? forSite);
  return (
    <a
      class={className}
      href={path}
      target="_blank"
      rel="noopener"
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        openExtensionTab(path);
      }}
    >
      {children ?? t('help')}
    </a>
  );
}
