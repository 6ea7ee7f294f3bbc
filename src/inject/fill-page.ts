import { chooseTarget } from '../core/fill/choose';
import { mayOverwrite } from '../core/fill/overwrite';

/**
 * Runs inside the login page (bundled as a standalone script), finds the two-step code field and
 * types the code into it. Returns only the report: nothing read from the page leaves this function.
 */

export interface FillOptions {
  /** Click the form's only submit button after filling. Off by default: the user stays in control. */
  autoSubmit?: boolean;
  /** Defaults to the code's length; must equal it. */
  codeLength?: number;
}

export interface FillReport {
  filled: boolean;
  kind?: 'single' | 'split';
  fieldCount?: number;
  /**
   * no-field / ambiguous: nothing filled; bad-code: the code was unusable; rejected: the page undid
   * it; occupied: the field holds other text (not an old code), which filling would have destroyed.
   */
  reason?: 'no-field' | 'ambiguous' | 'bad-code' | 'rejected' | 'occupied';
  submitted?: boolean;
}

type Root = Document | ShadowRoot;

function shadowOf(el: Element): ShadowRoot | null {
  if (el.shadowRoot) return el.shadowRoot;
  // Extension content scripts may also reach closed roots (Chrome: chrome.dom, Firefox: the property).
  const g = globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null } } };
  const firefox = (el as { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  return g.chrome?.dom?.openOrClosedShadowRoot?.(el) ?? firefox ?? null;
}

/** Inputs of the document and of every shadow root, each root's inputs at its host's position. */
function collectInputs(root: Root, out: HTMLInputElement[] = []): HTMLInputElement[] {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.tagName === 'INPUT') out.push(el as HTMLInputElement);
    const shadow = shadowOf(el);
    if (shadow) collectInputs(shadow, out);
  }
  return out;
}

/** Parent across shadow boundaries, so an `inert` ancestor outside a shadow root still counts. */
function composedParent(el: Element): Element | null {
  return el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
}

function isVisible(el: HTMLInputElement): boolean {
  for (let n: Element | null = el; n; n = composedParent(n)) if ((n as HTMLElement).inert) return false;
  if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true }))
    return false;
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility !== 'visible') return false;
  // The "visually hidden" patterns: clipped away, or shrunk to a pixel. Opacity is not checked,
  // because some code widgets draw their own boxes over a transparent input.
  if (style.clip !== 'auto' && style.clip !== '' && /absolute|fixed/.test(style.position)) return false;
  if (/^inset\((50|100)%\)$/.test(style.clipPath)) return false;
  const rect = el.getBoundingClientRect();
  if (rect.width < 2 || rect.height < 2) return false;
  // Parked beyond the page's top or left edge, where no one can scroll to: a honeypot.
  return rect.right + window.scrollX > 0 && rect.bottom + window.scrollY > 0;
}

/**
 * Sets the value past any framework wrapper. React tracks the last value it set through the instance's
 * own `value` property; setting through the prototype leaves that tracker behind, so the following
 * input event is seen as a real change and reaches the component's onChange. Looked up per call, not
 * at import, so the module also loads where there is no DOM (unit tests).
 */
function setValue(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
}

/** Synthetic key events carry keyCode 0; older handlers read keyCode/which, so give them the real ones. */
function key(type: string, ch: string): KeyboardEvent {
  const digit = /\d/.test(ch);
  const event = new KeyboardEvent(type, {
    key: ch,
    code: digit ? `Digit${ch}` : `Key${ch.toUpperCase()}`,
    bubbles: true,
    cancelable: true,
    composed: true,
    view: window,
  });
  const code = type === 'keypress' ? ch.charCodeAt(0) : ch.toUpperCase().charCodeAt(0);
  for (const prop of ['keyCode', 'which', 'charCode']) {
    const value = prop === 'charCode' && type !== 'keypress' ? 0 : code;
    Object.defineProperty(event, prop, { get: () => value });
  }
  return event;
}

const inputEvent = (type: 'beforeinput' | 'input', ch: string) =>
  new InputEvent(type, {
    inputType: 'insertText',
    data: ch,
    bubbles: true,
    cancelable: type === 'beforeinput',
    composed: true,
  });

/** One keystroke as the browser would deliver it, with the value set between beforeinput and input. */
function typeChar(input: HTMLInputElement, ch: string, valueAfter: string): void {
  input.dispatchEvent(key('keydown', ch));
  input.dispatchEvent(key('keypress', ch));
  input.dispatchEvent(inputEvent('beforeinput', ch));
  // Set even if a handler cancelled the key: masking widgets cancel keys and insert the text
  // themselves, and the value we set then is the same one they would have.
  setValue(input, valueAfter);
  input.dispatchEvent(inputEvent('input', ch));
  input.dispatchEvent(key('keyup', ch));
}

const change = (input: HTMLInputElement) => input.dispatchEvent(new Event('change', { bubbles: true }));

function fillSingle(input: HTMLInputElement, code: string): void {
  input.focus();
  // Start from empty rather than appending, like select-all-then-type: leftovers must not stay.
  for (let i = 0; i < code.length; i++) typeChar(input, code[i]!, code.slice(0, i + 1));
  change(input);
}

function fillSplit(boxes: readonly HTMLInputElement[], code: string): void {
  // Each box is focused and set directly instead of trusting the page's auto-advance, which may
  // run late, skip boxes or not exist; the events still let the page's handlers see each digit.
  boxes.forEach((box, i) => {
    box.focus();
    typeChar(box, code[i]!, code[i]!);
    change(box);
  });
  boxes.at(-1)?.focus();
}

const clean = (value: string) => value.replace(/[^0-9a-z]/gi, '').toLowerCase();

/** Lets framework re-renders (React, Preact, Vue schedule them after the event) land before checking. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

function isSubmitButton(el: Element): el is HTMLButtonElement | HTMLInputElement {
  if (el.tagName === 'BUTTON') return (el as HTMLButtonElement).type === 'submit';
  return el.tagName === 'INPUT' && /^(submit|image)$/.test((el as HTMLInputElement).type);
}

/**
 * Clicks the form's only visible submit button. click() rather than form.requestSubmit(button): on a
 * submit button it does the same (validation, submit event with the submitter) and also runs the
 * click handlers that some pages hang their login on. Two or more buttons ("Verify" and "Resend")
 * are never guessed between.
 */
function submit(field: HTMLInputElement): boolean {
  const form = field.form;
  if (!form) return false;
  const buttons = Array.from(form.elements)
    .filter(isSubmitButton)
    .filter((b) => isVisible(b as HTMLInputElement));
  const [button] = buttons;
  if (buttons.length !== 1 || !button || button.disabled) return false;
  button.click();
  return true;
}

export async function fillPage(rawCode: string, options: FillOptions = {}): Promise<FillReport> {
  const code = rawCode.replace(/\s+/g, '');
  const codeLength = options.codeLength ?? code.length;
  if (!/^[0-9a-z]{4,10}$/i.test(code) || codeLength !== code.length)
    return { filled: false, reason: 'bad-code' };
  const choice = chooseTarget(collectInputs(document), {
    codeLength,
    sample: code,
    isVisible,
    widthOf: (el) => el.getBoundingClientRect().width,
  });
  if (choice.kind === 'none') return { filled: false, reason: choice.reason };
  const fields = choice.fields;
  // Belt and braces: the scorer already refuses these, and this function must never type into one.
  if (fields.some((f) => f.type === 'password')) return { filled: false, reason: 'no-field' };
  if (!mayOverwrite(fields.map((f) => f.value).join(''), code)) return { filled: false, reason: 'occupied' };
  if (choice.kind === 'single') fillSingle(fields[0]!, code);
  else fillSplit(fields, code);
  await settle();
  const filled = clean(fields.map((f) => f.value).join('')) === code.toLowerCase();
  const report: FillReport = { filled, kind: choice.kind, fieldCount: fields.length };
  if (!filled) return { ...report, reason: 'rejected' };
  if (options.autoSubmit) report.submitted = submit(fields.at(-1)!);
  return report;
}

/** Whether this frame has a field the code would go into, without touching it. */
export function hasCodeField(codeLength: number): boolean {
  const choice = chooseTarget(collectInputs(document), {
    codeLength,
    sample: '0'.repeat(codeLength),
    isVisible,
    widthOf: (el) => el.getBoundingClientRect().width,
  });
  return choice.kind !== 'none';
}
