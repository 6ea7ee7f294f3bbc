import { safeParse } from 'valibot';
import { type Envelope, isEnvelope } from '../messaging/envelope';
import { type PageMessageName, pageMessages } from '../messaging/messages/page';
import type { RequestOf } from '../messaging/protocol';

/**
 * How the worker hands a request to a script it injects from a file: `executeScript` with `files`
 * cannot pass arguments, so the worker first sets this global, holding the protocol's envelope, in
 * the same isolated world (the page cannot see or change it); the script takes it, deletes it and
 * checks it against its slice's schema, as the router would.
 */
export const REQUEST_GLOBAL = '__tweestapRequest';

export function takeRequest<N extends PageMessageName>(name: N): RequestOf<N> | undefined {
  const scope = globalThis as unknown as Record<string, unknown>;
  const envelope = scope[REQUEST_GLOBAL];
  delete scope[REQUEST_GLOBAL];
  if (!isEnvelope(envelope) || (envelope as Envelope).name !== name) return undefined;
  const parsed = safeParse(pageMessages[name].request, envelope.request);
  return parsed.success ? (parsed.output as RequestOf<N>) : undefined;
}
