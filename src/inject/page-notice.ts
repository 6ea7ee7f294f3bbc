/**
 * A short notice in the page for gestures that have no popup (shortcut, context menu, select area).
 * It is drawn in a closed shadow root so the page's styles cannot hide or restyle it, and it carries
 * only our text (set as text, never as HTML).
 */
export function showNotice({ text }: { text: string }): void {
  const host = document.createElement('tweestap-notice');
  const root = host.attachShadow({ mode: 'closed' });
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.setAttribute(
    'style',
    `position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:360px;padding:12px 16px;border-radius:8px;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25);background:${dark ? '#1f2933' : '#ffffff'};color:${dark ? '#f5f7fa' : '#1f2933'};border-left:4px solid #0f766e`,
  );
  box.textContent = text;
  root.append(box);
  document.documentElement.append(host);
  setTimeout(() => host.remove(), 6000);
}
