/** The first image on the clipboard of a paste, if there is one. */
export const pastedImage = (event: ClipboardEvent): File | undefined =>
  Array.from(event.clipboardData?.items ?? [])
    .find((item) => item.kind === 'file' && item.type.startsWith('image/'))
    ?.getAsFile() ?? undefined;

/** An image as a data: URL, the form the background's QR reader takes ('' when it cannot be read). */
export const dataUrlOf = (file: Blob): Promise<string> =>
  new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => resolve('');
    reader.readAsDataURL(file);
  });
