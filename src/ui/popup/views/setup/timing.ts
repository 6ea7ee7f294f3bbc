import { qrMatrix } from '../../../../core/qr/encode';

/**
 * Marks for the one figure this view promises: from the "Show setup key" click to the QR code in
 * the DOM (the E2E spec reads the measure). Nothing secret goes into a mark.
 */
export const SETUP_ASKED = 'tweestap:setup-key-asked';
export const SETUP_SHOWN = 'tweestap:setup-key-shown';

export function measureSetupShown(): void {
  if (performance.getEntriesByName(SETUP_ASKED, 'mark').length === 0) return;
  performance.measure(SETUP_SHOWN, SETUP_ASKED);
  performance.clearMarks(SETUP_ASKED);
}

/** A made-up link as long as a real one: no account's data is encoded before the click. */
const SAMPLE = `otpauth://totp/Sample%20issuer:someone%40example.test?secret=${'A'.repeat(32)}&issuer=Sample%20issuer&algorithm=SHA1&digits=6&period=30`;

/**
 * The first QR encode in a page runs cold (about 25 ms before the JIT warms up, 3 ms after), so
 * while the user reads the explanation an idle moment encodes a sample and throws it away.
 */
export function warmQrEncoder(): () => void {
  const idle = requestIdleCallback(() => void qrMatrix(SAMPLE));
  return () => cancelIdleCallback(idle);
}
