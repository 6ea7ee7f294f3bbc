import type { GenericSchema, InferInput, InferOutput } from 'valibot';
import type { PolicyQuestion } from '../core/policy/questions';

/**
 * Who may send a message, as the browser reports the sender (never as the sender claims):
 * - `extension-page`: the popup, options page or another page of ours;
 * - `worker`: our background service worker (to the offscreen document);
 * - `content-script`: a script we injected into a web page. Only `fill.probed` accepts it: a fill
 *   probe answers by message so the browser, not the page, says which frame, document and origin
 *   it came from. Injected scripts never get a secret.
 */
export type SenderKind = 'extension-page' | 'worker' | 'content-script';

/** One message of a capability's slice: its callers, its policy guard and its run-time request check. */
export interface MessageSpec<
  Request extends GenericSchema = GenericSchema,
  Response = unknown,
  From extends SenderKind = SenderKind,
> {
  from: From;
  /** Asked by the router before the handler runs; absent: nothing an organisation governs. */
  policy?: PolicyQuestion;
  /** Checked at the boundary; the handler receives the parsed output and may trust it. */
  request: Request;
  /** Type only: what the handler answers. Never read at run time. */
  readonly response?: Response;
}

/**
 * Declares a message whose answer is `Response`. Curried so the request type comes from the schema
 * while the response is named: `message<VaultStatus>()({ from: 'extension-page', request: EMPTY })`.
 */
export const message =
  <Response>() =>
  <Request extends GenericSchema, From extends SenderKind>(spec: {
    from: From;
    policy?: PolicyQuestion;
    request: Request;
  }): MessageSpec<Request, Response, From> =>
    spec;

export type Slice = Record<string, MessageSpec>;

export type SpecRequestIn<S> = S extends MessageSpec<infer R, unknown> ? InferInput<R> : never;
export type SpecRequest<S> = S extends MessageSpec<infer R, unknown> ? InferOutput<R> : never;
export type SpecResponse<S> = S extends MessageSpec<GenericSchema, infer A> ? A : never;
