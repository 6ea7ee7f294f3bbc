import type { FieldDescriptor } from './score';

/**
 * The few DOM members the describer uses, so the same code runs on real pages and on linkedom
 * documents in unit tests (which have no layout, `labels` or shadow roots).
 */
export interface MiniNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly parentNode: MiniNode | null;
  readonly previousSibling: MiniNode | null;
  readonly childNodes: ArrayLike<MiniNode>;
}

export interface MiniElement extends MiniNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  closest(selectors: string): MiniElement | null;
  querySelector(selectors: string): MiniElement | null;
}

interface MiniRoot extends MiniNode {
  querySelectorAll(selectors: string): ArrayLike<MiniElement>;
  getElementById?(id: string): MiniElement | null;
}

export interface DescribeOptions<E extends MiniElement> {
  /** Layout-based visibility; linkedom has no layout, so tests decide from attributes. */
  isVisible(el: E): boolean;
  widthOf?(el: E): number;
}

const ELEMENT = 1;
const TEXT = 3;
const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'SVG']);
const INPUT_TYPES = new Set(
  'hidden text search tel url email password date month week time datetime-local number range color checkbox radio file submit image reset button'.split(
    ' ',
  ),
);
const CONTROLS = 'input, select, textarea, button';

const isElement = (node: MiniNode): node is MiniElement => node.nodeType === ELEMENT;

/** Visible-ish text with collapsed spaces, stopping once `budget` characters are collected. */
export function textOf(node: MiniNode, budget = 200): string {
  const out: string[] = [];
  let length = 0;
  const walk = (n: MiniNode): void => {
    if (length >= budget) return;
    if (n.nodeType === TEXT) {
      const text = (n.textContent ?? '').replace(/\s+/g, ' ');
      out.push(text);
      length += text.length;
      return;
    }
    if (isElement(n) && (SKIP_TEXT.has(n.tagName.toUpperCase()) || n.hasAttribute('hidden'))) return;
    for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i]!);
  };
  walk(node);
  return out.join('').replace(/\s+/g, ' ').trim().slice(0, budget);
}

/** The document or shadow root holding the node: ids and label[for] only resolve within it. */
function rootOf(node: MiniNode): MiniRoot | undefined {
  let top = node;
  while (top.parentNode) top = top.parentNode;
  return 'querySelectorAll' in top ? (top as MiniRoot) : undefined;
}

function byId(root: MiniRoot, id: string): MiniElement | null {
  if (root.getElementById) return root.getElementById(id);
  return Array.from(root.querySelectorAll('[id]')).find((el) => el.getAttribute('id') === id) ?? null;
}

const containsControl = (el: MiniElement) =>
  /^(INPUT|SELECT|TEXTAREA|BUTTON)$/i.test(el.tagName) || el.querySelector(CONTROLS) !== null;

/**
 * Text just before the field, for pages that put "Verification code" in a span instead of a label.
 * Stops at another control, so the caption of the previous field is never borrowed.
 */
function precedingText(el: MiniElement): string {
  let node: MiniNode = el;
  for (let level = 0; level < 3; level++) {
    for (let sib = node.previousSibling; sib; sib = sib.previousSibling) {
      if (isElement(sib) && containsControl(sib)) return '';
      const text = textOf(sib, 80);
      if (text) return text;
    }
    const parent = node.parentNode;
    if (!parent || !isElement(parent) || /^(FORM|FIELDSET|LABEL|BODY)$/i.test(parent.tagName)) return '';
    node = parent;
  }
  return '';
}

function labelText(el: MiniElement): string {
  const parts: string[] = [];
  const id = el.getAttribute('id');
  const root = rootOf(el);
  if (id && root) {
    for (const label of Array.from(root.querySelectorAll('label[for]'))) {
      if (label.getAttribute('for') === id) parts.push(textOf(label));
    }
  }
  const wrapping = el.closest('label');
  // A wrapping label with `for` labels that element (this one was found above if it is the target).
  if (wrapping && !wrapping.hasAttribute('for')) parts.push(textOf(wrapping));
  for (const ref of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    const target = root && byId(root, ref);
    if (target) parts.push(textOf(target));
  }
  if (parts.length === 0) parts.push(precedingText(el));
  return parts.join(' ').trim().slice(0, 200);
}

/** The nearest heading before `start`, looking at a few earlier siblings on a few levels up. */
function headingBefore(start: MiniNode): string {
  let node: MiniNode | null = start;
  for (let level = 0; node && level < 4; level++, node = node.parentNode) {
    let seen = 0;
    for (let sib = node.previousSibling; sib && seen < 6; sib = sib.previousSibling) {
      if (!isElement(sib)) continue;
      seen++;
      const heading = /^(H[1-6]|LEGEND)$/i.test(sib.tagName) ? sib : sib.querySelector('h1, h2, h3, legend');
      if (heading) return textOf(heading, 100);
    }
  }
  return '';
}

function nearbyText(el: MiniElement): string {
  const box = el.closest('form, fieldset, dialog, [role="dialog"]');
  const heading = headingBefore(box ?? el);
  const around = box ? textOf(box) : el.parentNode?.parentNode ? textOf(el.parentNode.parentNode) : '';
  return `${heading} ${around}`.trim().slice(0, 200);
}

function intAttr(el: MiniElement, name: string): number {
  const value = Number.parseInt(el.getAttribute(name) ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : -1;
}

export function describeField<E extends MiniElement>(el: E, opts: DescribeOptions<E>): FieldDescriptor {
  const attr = (name: string) => el.getAttribute(name) ?? '';
  const rawType = attr('type').toLowerCase();
  const type = INPUT_TYPES.has(rawType) ? rawType : 'text';
  return {
    tag: el.tagName.toLowerCase(),
    type,
    name: attr('name'),
    id: attr('id'),
    className: attr('class'),
    placeholder: attr('placeholder'),
    autocomplete: attr('autocomplete'),
    ariaLabel: attr('aria-label'),
    labelText: labelText(el),
    title: attr('title'),
    role: attr('role').toLowerCase(),
    inputMode: attr('inputmode').toLowerCase(),
    pattern: attr('pattern'),
    maxLength: intAttr(el, 'maxlength'),
    minLength: intAttr(el, 'minlength'),
    size: intAttr(el, 'size'),
    width: opts.widthOf ? opts.widthOf(el) : -1,
    readOnly: el.hasAttribute('readonly'),
    disabled: el.hasAttribute('disabled') || el.closest('fieldset[disabled]') !== null,
    hidden: type === 'hidden' || el.hasAttribute('hidden') || !opts.isVisible(el),
    nearbyText: nearbyText(el),
  };
}
