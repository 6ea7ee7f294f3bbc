import { fail, type Result } from '../core/errors';
import { isEnvelope, type MessageName, type Protocol, type RequestOf, type ResponseOf } from './protocol';

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
  | { kind: 'content-script'; origin: string; url: string; tabId: number; frameId: number };

export function classifySender(
  sender: MessageSenderLike,
  runtimeId: string,
  extensionOrigin: string,
): VerifiedSender | undefined {
  if (sender.id !== runtimeId || !sender.url) return undefined;
  const pageOrigin = sender.origin ?? safeOrigin(sender.url);
  if (pageOrigin === extensionOrigin && sender.url.startsWith(`${extensionOrigin}/`)) {
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
  };
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

type SenderFor<N extends MessageName> = Extract<VerifiedSender, { kind: Protocol[N]['from'] }>;

export type Handler<N extends MessageName> = (
  request: RequestOf<N>,
  sender: SenderFor<N>,
) => Promise<Result<ResponseOf<N>>> | Result<ResponseOf<N>>;

interface Registration {
  from: Protocol[MessageName]['from'];
  handle: (request: unknown, sender: VerifiedSender) => Promise<Result<unknown>> | Result<unknown>;
}

export class Router {
  readonly #handlers = new Map<string, Registration>();

  constructor(
    private readonly runtimeId: string,
    private readonly extensionOrigin: string,
  ) {}

  /** `from` is repeated here, not only in the type, so the check exists at run time too. */
  on<N extends MessageName>(name: N, from: Protocol[N]['from'], handle: Handler<N>): void {
    if (this.#handlers.has(name)) throw new Error(`Handler for ${name} registered twice`);
    this.#handlers.set(name, { from, handle: handle as Registration['handle'] });
  }

  async dispatch(message: unknown, rawSender: MessageSenderLike): Promise<Result<unknown>> {
    if (!isEnvelope(message)) return fail('bad-request', { message: 'Not a Tweestap message.' });
    const registration = this.#handlers.get(message.name);
    if (!registration) return fail('unknown-message', { message: message.name });
    const sender = classifySender(rawSender, this.runtimeId, this.extensionOrigin);
    if (!sender || sender.kind !== registration.from) {
      return fail('forbidden-sender', { message: `${message.name} is not allowed from this sender.` });
    }
    try {
      return await registration.handle(message.request, sender);
    } catch (error) {
      console.error(`Tweestap: ${message.name} failed`, error);
      return fail('internal', { message: error instanceof Error ? error.message : String(error) });
    }
  }
}
