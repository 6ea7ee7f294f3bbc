import { browser } from 'wxt/browser';
import { fail, type Result } from '../core/errors';
import type { Envelope } from './envelope';
import type { MessageName, RequestIn, ResponseOf } from './protocol';

/**
 * The only way pages talk to the background. Never throws: failures come back as values. Imports
 * types only, so the popup's bundle carries none of the protocol's schema code.
 */
export async function send<N extends MessageName>(
  name: N,
  request: RequestIn<N>,
): Promise<Result<ResponseOf<N>>> {
  const envelope: Envelope<N> = { tweestap: 1, name, request };
  try {
    const response = (await browser.runtime.sendMessage(envelope)) as Result<ResponseOf<N>> | undefined;
    return response ?? fail('internal', { message: 'The background did not answer.' });
  } catch (error) {
    return fail('internal', { message: error instanceof Error ? error.message : String(error) });
  }
}
