import { useEffect } from 'preact/hooks';
import { send } from '../../../../messaging/client';
import type { ScanState } from '../../../components/ScanResults';
import { t } from '../../../i18n';
import { dataUrlOf, pastedImage } from '../../../images';
import { showToast } from '../../../toast';
import type { Shell, Target } from '../../shell';

let scans = 0;

/** Leaving the scan view abandons a scan in flight: its answer no longer counts. */
export const abandonScan = () => {
  scans++;
};

/** Scans the page the popup was opened on, or a pasted image (a data: URL). */
export async function scan(shell: Shell, source: Target | string) {
  const seq = ++scans;
  const target = typeof source === 'string' ? undefined : source;
  const show = (state: ScanState) => shell.go({ name: 'scan', state, target, seq });
  show({ phase: 'busy' });
  const result =
    typeof source === 'string'
      ? await send('scan.image', { dataUrl: source })
      : await send('scan.tab', source);
  // The user went back (or started another scan) in the meantime.
  if (seq !== scans) return;
  if (!result.ok)
    return result.error.code === 'locked'
      ? shell.showLocked()
      : show({ phase: 'failed', error: result.error });
  // Only a lone code can come back added (or as a duplicate): the page showed one set-up code.
  const [only, second] = result.value.codes;
  if (!second && only?.kind === 'account' && only.id) {
    if (only.status !== 'added') {
      shell.back(only.id, true);
      // After the view changes, which clears what the old view said.
      return showToast(t('error_duplicate'));
    }
    await shell.reload();
    return shell.go({ name: 'added', id: only.id, askSite: only.askSite });
  }
  show({ phase: 'done', response: result.value });
}

/** A QR image pasted anywhere (a text box takes no image) is scanned as if it were on the page. */
export function usePastedScan(shell: Shell): void {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const image = pastedImage(event);
      if (!image) return;
      event.preventDefault();
      void dataUrlOf(image).then((dataUrl) => scan(shell, dataUrl));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);
}
