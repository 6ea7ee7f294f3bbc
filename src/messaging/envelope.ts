import type { MessageName, RequestIn } from './protocol';

/**
 * The envelope on the wire; the tag keeps stray messages from other code out of the router. Only
 * types come from the protocol here, so the popup's bundle carries no schema code.
 */
export interface Envelope<N extends MessageName = MessageName> {
  tweestap: 1;
  name: N;
  request: RequestIn<N>;
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Envelope>;
  return (
    candidate.tweestap === 1 &&
    typeof candidate.name === 'string' &&
    typeof candidate.request === 'object' &&
    candidate.request !== null
  );
}

export const envelope = <N extends MessageName>(name: N, request: RequestIn<N>): Envelope<N> => ({
  tweestap: 1,
  name,
  request,
});
