/**
 * The import's reader in a worker of the options page (see reader.ts). One request at a time per
 * message; answers carry the request's id.
 */
import { Reader, type ReaderRequest } from './reader';

const reader = new Reader();

self.onmessage = (event: MessageEvent<{ id: number; request: ReaderRequest }>) => {
  const { id, request } = event.data;
  reader.handle(request).then(
    (answer) => self.postMessage({ id, answer }),
    (error: unknown) => self.postMessage({ id, error: String(error) }),
  );
};
