import { useEffect, useId, useLayoutEffect, useRef } from 'preact/hooks';
import { QrCode } from '../../../components/QrCode';
import { t } from '../../../i18n';
import { copySecret } from './copy-secret';
import { groupKey, secretOf, withoutSpacing } from './setup-key';
import { measureSetupShown } from './timing';

interface Props {
  /** The account's otpauth link, as the worker wrote it. */
  uri: string;
  name: string;
}

/** The setup QR code and key, once the user asked for them. */
export function ShownSetup({ uri, name }: Props) {
  const secret = secretOf(uri);
  const region = useRef<HTMLElement>(null);
  const stepId = useId();

  // A layout effect runs once the QR code is in the DOM, before it is painted.
  useLayoutEffect(measureSetupShown, []);
  // The button that was clicked is gone: start reading here.
  useEffect(() => region.current?.focus(), []);

  // The spaces only help the eye; a selection copied from inside the key gives the bare key.
  const onCopy = (event: ClipboardEvent) => {
    const selected = getSelection()?.toString() ?? '';
    if (!selected || !event.clipboardData) return;
    event.clipboardData.setData('text/plain', withoutSpacing(selected));
    event.preventDefault();
  };

  return (
    <section class="setup-shown" ref={region} tabIndex={-1} aria-labelledby={stepId}>
      <p class="note is-strong" id={stepId}>
        {t('setup_scan_now')}
      </p>
      <div class="setup-qr">
        <QrCode text={uri} label={t('setup_qr_label', name)} size={240} />
      </div>
      <div class="setup-key-block">
        <span class="field-label">{t('setup_key')}</span>
        <p class="setup-key mono" data-testid="setup-key" onCopy={onCopy}>
          {groupKey(secret)}
        </p>
      </div>
      <div class="form-buttons setup-buttons">
        <button type="button" class="btn" onClick={() => void copySecret(secret, t('setup_key_copied'))}>
          {t('setup_copy_key')}
        </button>
        <button type="button" class="btn" onClick={() => void copySecret(uri, t('setup_link_copied'))}>
          {t('setup_copy_link')}
        </button>
      </div>
    </section>
  );
}
