import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { LocalText } from '../core/policy/keys';
import { send } from '../messaging/client';
import type { PolicyView } from '../messaging/protocol';
import { pageLanguage } from './i18n';

export const NO_POLICY: PolicyView = { policy: {}, warnings: [], locked: [], maximums: {} };

let latest: PolicyView = NO_POLICY;

/** The policy as the worker enforces it; `NO_POLICY` when it cannot say (it then refuses on its own). */
export async function fetchPolicy(): Promise<PolicyView> {
  const answer = await send('policy.get', {}).catch(() => undefined);
  latest = answer?.ok ? answer.value : NO_POLICY;
  return latest;
}

/**
 * The policy last fetched on this page, for code far from any view (a toast's help link): by the
 * time a request is refused, the page has asked at least once.
 */
export const lastPolicy = (): PolicyView => latest;

/**
 * Calls `listener` with the new policy when the organisation changes it while the page is open.
 * The worker hears the same event, perhaps after this page: `policy.get` makes it read the policy
 * afresh, so whatever the listener asks the worker next already follows the new one.
 */
export function onPolicyChange(listener: (view: PolicyView) => void): () => void {
  const heard = (_changes: unknown, area: string) => {
    if (area === 'managed') void fetchPolicy().then(listener);
  };
  browser.storage.onChanged.addListener(heard);
  return () => browser.storage.onChanged.removeListener(heard);
}

/** The organisation's policy for a view: read once, then again on every change. */
export function usePolicy(): PolicyView {
  const [view, setView] = useState<PolicyView>(NO_POLICY);
  useEffect(() => {
    void fetchPolicy().then(setView);
    return onPolicyChange(setView);
  }, []);
  return view;
}

/** A policy text in the language of the page's own messages. */
export function localText(text: LocalText): string {
  return pageLanguage() === 'nl' ? text.nl : text.en;
}
