/**
 * Hands an image from "Add from a QR image" to the import flow when its code is a Google
 * Authenticator transfer: that section adds single accounts, the import reads a whole export.
 * The two sections share no parent state, so the import section listens here while it is shown.
 */
type Listener = (image: File) => void;

let listener: Listener | undefined;

/** The import section, while it is on the page (the vault is unlocked); returns the unsubscribe. */
export function listenForTransferImages(next: Listener): () => void {
  listener = next;
  return () => {
    if (listener === next) listener = undefined;
  };
}

/** False when no import section is on the page (the vault is locked): the caller explains instead. */
export function sendTransferImage(image: File): boolean {
  if (!listener) return false;
  listener(image);
  return true;
}
