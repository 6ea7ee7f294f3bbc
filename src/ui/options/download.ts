import { pageLanguage } from '../i18n';

/**
 * Hands text to the browser as a downloaded file. A link with `download` needs no permission (the
 * downloads API would), and the browser saves where the person saves everything else.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked at once, Chrome may cancel the download before it has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "2 December 2025 at 14:05", in the page's language. */
export function dateTimeText(ms: number): string {
  return new Intl.DateTimeFormat(pageLanguage(), {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(ms);
}
