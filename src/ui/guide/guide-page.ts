/**
 * The guide page (`guide.html?lang=nl#microsoft:anchor`). It imports nothing the popup or the options page
 * imports, so adding it split none of their chunks: it speaks to `chrome.i18n` itself and fetches the guide,
 * which the build wrote as HTML (`scripts/guides.ts`, `guides/<lang>/<name>.html`).
 */
import type { GuideLanguage } from '../../core/guides';

/** The general guide; `src/core/guides.ts` names it too, and a test keeps the two the same. */
export const DEFAULT_GUIDE = 'any-site';

/**
 * What the address asks for; no language means that of the messages Chromium serves us (Dutch for Dutch,
 * else English).
 */
export function requestedGuide(search: string, hash: string, messagesLanguage: string) {
  const asked = new URLSearchParams(search).get('lang') ?? messagesLanguage;
  const language: GuideLanguage = asked.toLowerCase().startsWith('nl') ? 'nl' : 'en';
  const [name = '', anchor = ''] = decodeURIComponent(hash.replace(/^#/, '')).split(':');
  return { language, name: /^[a-z-]+$/.test(name) ? name : DEFAULT_GUIDE, anchor };
}

async function fetchGuide(language: GuideLanguage, name: string): Promise<string> {
  const response = await fetch(`/guides/${language}/${name}.html`);
  if (response.ok) return response.text();
  if (name === DEFAULT_GUIDE) throw new Error(`guides/${language}/${name}.html is missing from the build`);
  return fetchGuide(language, DEFAULT_GUIDE);
}

/** Shows the guide the address names; after a link inside the page, focus moves to it, as a new page's would. */
export async function showRequestedGuide({ moveFocus = false } = {}): Promise<void> {
  const { language, name, anchor } = requestedGuide(
    location.search,
    location.hash,
    // Not getUILanguage(): started with --lang=nl Chromium says en-US there, yet serves the nl messages,
    // and the guide must speak as the popup that opened it does.
    chrome.i18n.getMessage('ui_language'),
  );
  const main = document.getElementById('guide')!;
  // Our own Markdown, turned into HTML at build time by a step that refuses raw HTML in it.
  main.innerHTML = await fetchGuide(language, name);
  document.documentElement.lang = language;
  document.title = `${main.querySelector('h1')?.textContent ?? ''} · Tweestap`;
  document.getElementById('guide-home-text')!.textContent = chrome.i18n.getMessage('guide_home');
  const target = anchor ? document.getElementById(anchor) : null;
  if (target) target.scrollIntoView();
  else scrollTo(0, 0);
  if (moveFocus) main.focus({ preventScroll: Boolean(target) });
}
