import { safeParse } from 'valibot';
import { fail, type Result } from '../core/errors';
import type { PolicyAnswer, PolicyQuestion } from '../core/policy/questions';
import { isEnvelope } from './envelope';
import type { BACKGROUND_MESSAGES } from './protocol';
import type { MessageSpec, SenderKind, Slice, SpecRequest, SpecResponse } from './spec';

/** The part of runtime.MessageSender the router trusts; all of it is set by the browser, not the sender. */
export interface MessageSenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
  documentId?: string;
}

export type VerifiedSender =
  | { kind: 'extension-page'; url: string }
  | { kind: 'worker'; url: string }
  | {
      kind: 'content-script';
      origin: string;
      url: string;
      tabId: number;
      frameId: number;
      /** Chrome names the document (so a navigated frame is told apart); Firefox does not. */
      documentId?: string;
    };

/** The worker's script, as WXT builds it; a message from it has no tab. */
export const WORKER_PATH = '/background.js';

export function classifySender(
  sender: MessageSenderLike,
  runtimeId: string,
  extensionOrigin: string,
): VerifiedSender | undefined {
  if (sender.id !== runtimeId || !sender.url) return undefined;
  const pageOrigin = sender.origin ?? safeOrigin(sender.url);
  if (pageOrigin === extensionOrigin && sender.url.startsWith(`${extensionOrigin}/`)) {
    if (sender.url === `${extensionOrigin}${WORKER_PATH}` && sender.tab === undefined) {
      return { kind: 'worker', url: sender.url };
    }
    return { kind: 'extension-page', url: sender.url };
  }
  if (sender.tab?.id === undefined || sender.frameId === undefined || !pageOrigin || pageOrigin === 'null') {
    return undefined;
  }
  return {
    kind: 'content-script',
    origin: pageOrigin,
    url: sender.url,
    tabId: sender.tab.id,
    frameId: sender.frameId,
    ...(sender.documentId ? { documentId: sender.documentId } : {}),
  };
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

type SenderOf<K extends SenderKind> = Extract<VerifiedSender, { kind: K }>;

export type Handler<S extends MessageSpec> = (
  request: SpecRequest<S>,
  sender: SenderOf<S['from']>,
) => Promise<Result<SpecResponse<S>>> | Result<SpecResponse<S>>;

/** Answers the slice's policy question for one request; the enterprise-policy work fills it in. */
export type PolicyGate = (question: PolicyQuestion, request: unknown) => Promise<PolicyAnswer> | PolicyAnswer;

export const allowEverything: PolicyGate = () => ({ allowed: true });

type AnyHandler = (request: unknown, sender: VerifiedSender) => Promise<Result<unknown>> | Result<unknown>;

/**
 * Dispatches one context's messages. In this order, before any handler runs: the envelope, a known
 * name, the sender the slice allows, the request's shape, then the policy. Names this context does
 * not serve (`others`) are left unanswered so the context that serves them can reply.
 */
export class Router<P extends Slice> {
  readonly #handlers = new Map<string, AnyHandler>();

  constructor(
    private readonly specs: P,
    private readonly runtimeId: string,
    private readonly extensionOrigin: string,
    private readonly policy: PolicyGate = allowEverything,
    private readonly others: Slice = {},
  ) {}

  on<N extends keyof P & string>(name: N, handle: Handler<P[N]>): void {
    if (!Object.hasOwn(this.specs, name)) throw new Error(`${name} is declared in no slice`);
    if (this.#handlers.has(name)) throw new Error(`Handler for ${name} registered twice`);
    this.#handlers.set(name, handle as AnyHandler);
  }

  registered(): string[] {
    return [...this.#handlers.keys()];
  }

  /**
   * Whether this context answers `message` at all. Checked synchronously by the listener: a listener
   * that returns a promise has answered, and would race the context that serves the message.
   */
  serves(message: unknown): boolean {
    return isEnvelope(message) && !Object.hasOwn(this.others, message.name);
  }

  async dispatch(message: unknown, rawSender: MessageSenderLike): Promise<Result<unknown>> {
    if (!isEnvelope(message)) return fail('bad-request', { message: 'Not a Tweestap message.' });
    if (Object.hasOwn(this.others, message.name))
      return fail('unknown-message', { message: `${message.name} is served elsewhere.` });
    const spec = Object.hasOwn(this.specs, message.name) ? this.specs[message.name] : undefined;
    const handle = this.#handlers.get(message.name);
    if (!spec || !handle) return fail('unknown-message', { message: message.name });
    const sender = classifySender(rawSender, this.runtimeId, this.extensionOrigin);
    if (!sender || sender.kind !== spec.from) {
      return fail('forbidden-sender', { message: `${message.name} is not allowed from this sender.` });
    }
    const parsed = safeParse(spec.request, message.request);
    if (!parsed.success) {
      const where = parsed.issues[0]?.path?.map((item) => String(item.key)).join('.') || 'request';
      return fail('bad-request', { message: `${message.name}: ${where}: ${parsed.issues[0]?.message}` });
    }
    try {
      if (spec.policy) {
        const answer = await this.policy(spec.policy, parsed.output);
        if (!answer.allowed) return fail('policy-forbidden', { message: answer.key });
      }
      return await handle(parsed.output, sender);
    } catch (error) {
      console.error(`Tweestap: ${message.name} failed`, error);
      return fail('internal', { message: error instanceof Error ? error.message : String(error) });
    }
  }
}

export type BackgroundRouter = Router<typeof BACKGROUND_MESSAGES>;
