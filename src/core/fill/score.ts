import {
  autofillKind,
  codeStrength,
  normalise,
  otherDataWord,
  RECOVERY,
  rejectWord,
  saysOneTime,
} from './words';

/** What the scorer may know about an input. Plain data, so the rules are testable without a DOM. */
export interface FieldDescriptor {
  tag: string;
  /** Lower-cased; unknown types are 'text', as in the DOM. */
  type: string;
  name: string;
  id: string;
  className: string;
  placeholder: string;
  autocomplete: string;
  ariaLabel: string;
  labelText: string;
  title: string;
  role: string;
  inputMode: string;
  pattern: string;
  /** -1 when absent. */
  maxLength: number;
  minLength: number;
  size: number;
  /** Rendered width in CSS pixels, -1 when unknown (no layout). */
  width: number;
  readOnly: boolean;
  disabled: boolean;
  /** Not rendered, zero size, visibility hidden, inert or type=hidden. */
  hidden: boolean;
  /** Text of the surrounding form and nearest heading, at most ~200 characters. */
  nearbyText: string;
}

export interface ScoreOptions {
  codeLength: number;
  /** The code itself, to test `pattern` against; a run of digits of codeLength when absent. */
  sample?: string;
}

/** score ≤ 0 means "never fill this"; reason is a short tag for tests and debugging. */
export interface Verdict {
  score: number;
  reason: string;
}

const reject = (why: string): Verdict => ({ score: 0, reason: `reject:${why}` });

const TEXT_TYPES = new Set(['text', 'tel', 'number']);

function ownTexts(d: FieldDescriptor): string[] {
  return [d.name, d.id, d.placeholder, d.labelText, d.ariaLabel, d.title].map(normalise).filter(Boolean);
}

/** Rules that rule a field out whatever its words say; shared by single fields and split boxes. */
export function hardReject(d: FieldDescriptor): string | undefined {
  if (d.tag !== 'input') return 'tag';
  // Checked first and unconditionally: a code must never end up in a password field, even one labelled "code".
  if (d.type === 'password') return 'password';
  // Filling what the user cannot see would be invisible typing (and hidden fields are often honeypots).
  if (d.type === 'hidden' || d.hidden) return 'hidden';
  if (d.disabled) return 'disabled';
  if (d.readOnly) return 'readonly';
  if (d.type === 'email') return 'email';
  if (d.type === 'search' || d.role === 'searchbox') return 'search';
  // Comboboxes are search-as-you-type boxes and pickers, never a code field.
  if (d.role === 'combobox') return 'combobox';
  if (!TEXT_TYPES.has(d.type)) return 'type';
  const autofill = autofillKind(d.autocomplete);
  // The site said explicitly what this field is; word guesses come second.
  if (autofill === 'otp') return undefined;
  if (autofill) return `autocomplete-${autofill}`;
  if (/^(q|s|query)$/i.test(d.name)) return 'search';
  const texts = ownTexts(d);
  const oneTime = texts.some(saysOneTime);
  for (const text of texts) {
    const why = rejectWord(text, oneTime);
    if (why) return why;
  }
  return undefined;
}

/** The HTML pattern attribute is anchored and, since 2023, compiled with the v flag. */
function patternAccepts(pattern: string, sample: string): boolean | undefined {
  for (const flags of ['v', 'u']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags).test(sample);
    } catch {
      // Try the older flag; browsers ignore a pattern that compiles with neither.
    }
  }
  return undefined;
}

/** How much the field is shaped like a code field; undefined when the code cannot fit it at all. */
function shapeScore(d: FieldDescriptor, opts: ScoreOptions): number | undefined {
  const sample = opts.sample ?? '1234567890'.repeat(2).slice(0, opts.codeLength);
  let score = 0;
  // Sites ask for the numeric keyboard on code fields; type=tel is the older way to get it.
  if (d.inputMode === 'numeric') score += 10;
  else if (d.type === 'tel' || d.type === 'number') score += 5;
  if (d.pattern) {
    const accepts = patternAccepts(d.pattern, sample);
    // The form would refuse the code, so this field is for something else.
    if (accepts === false) return undefined;
    if (accepts) score += 10;
  }
  if (d.maxLength === opts.codeLength) score += 10;
  return score;
}

/**
 * Positive evidence. Each kind of signal gives points; agreement between several kinds adds a little,
 * so a field that is both `name=otp` and labelled "Verification code" beats one with only one of them.
 */
function evidence(d: FieldDescriptor, hasShape: boolean): Verdict {
  const signals: Verdict[] = [];
  if (autofillKind(d.autocomplete) === 'otp') signals.push({ score: 100, reason: 'autocomplete' });
  const texts = ownTexts(d);
  const own = Math.max(0, ...texts.map(codeStrength));
  if (own) signals.push({ score: own * 30, reason: own === 2 ? 'keyword' : 'weak-keyword' });
  // Class names are the developer's words too, but are shared with styling, so they count half.
  const cls = codeStrength(normalise(d.className));
  if (cls) signals.push({ score: cls * 15, reason: 'class' });
  // The heading or form text only helps a field that is code-shaped (numeric, code-long): a page
  // about two-step login can still have a name field, and a form's text also holds the captions of
  // its other fields, so a card form saying "security code" gives no context at all.
  const nearby = normalise(d.nearbyText);
  const near = hasShape && !otherDataWord(nearby) ? codeStrength(nearby) : 0;
  if (near) signals.push({ score: near * 10, reason: 'context' });
  if (signals.length === 0) return reject('no-evidence');
  signals.sort((a, b) => b.score - a.score);
  const best = signals[0]!;
  let score = best.score + 5 * (signals.length - 1);
  // A recovery-code field takes a different secret; only fill it when nothing better exists.
  if (texts.some((text) => RECOVERY.test(text))) score -= 40;
  return score > 0 ? { score, reason: best.reason } : reject('recovery');
}

/** Scores one input as the place for the whole code. */
export function scoreField(d: FieldDescriptor, opts: ScoreOptions): Verdict {
  const why = hardReject(d);
  if (why) return reject(why);
  // The browser would cut the code short (split boxes are scored by scoreSplitGroup instead).
  if (d.maxLength >= 0 && d.maxLength < opts.codeLength) return reject('too-short');
  if (d.minLength > opts.codeLength) return reject('too-long');
  // In a payment form "Security code" is the card's CVC; a two-step form never talks about cards.
  if (autofillKind(d.autocomplete) !== 'otp' && otherDataWord(normalise(d.nearbyText)) === 'card') {
    return reject('card-form');
  }
  const shape = shapeScore(d, opts);
  if (shape === undefined) return reject('pattern');
  const found = evidence(d, shape > 0);
  return found.score > 0 ? { score: found.score + shape, reason: found.reason } : found;
}

/** One box of a "one character per box" code entry. */
export function isSplitCell(d: FieldDescriptor): boolean {
  if (d.maxLength === 1 || d.size === 1) return true;
  const numeric = d.inputMode === 'numeric' || d.type === 'tel' || d.type === 'number';
  // Some widgets leave out maxlength (to catch a pasted code) but still draw a box per digit.
  return numeric && d.width > 0 && d.width <= 64;
}

/** Scores a run of adjacent boxes; the caller decides what counts as adjacent. */
export function scoreSplitGroup(cells: readonly FieldDescriptor[], opts: ScoreOptions): Verdict {
  // Fewer than 4 is a PIN or date part; more than 8 is no TOTP.
  if (cells.length < 4 || cells.length > 8) return reject('split-size');
  if (cells.length !== opts.codeLength) return reject('split-length');
  for (const cell of cells) {
    const why = hardReject(cell);
    if (why) return reject(why);
  }
  // A row of 4–8 one-character boxes is itself strong evidence; words only add to it.
  const best = Math.max(0, ...cells.map((cell) => evidence(cell, true).score));
  return { score: 50 + best / 2, reason: 'split' };
}
