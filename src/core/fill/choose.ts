import { type DescribeOptions, describeField, type MiniElement, type MiniNode } from './describe';
import { type FieldDescriptor, isSplitCell, type ScoreOptions, scoreField, scoreSplitGroup } from './score';

export type Choice<E> =
  | { kind: 'single' | 'split'; fields: E[]; score: number; reason: string }
  | { kind: 'none'; reason: 'no-field' | 'ambiguous' };

export interface ChooseOptions<E extends MiniElement> extends DescribeOptions<E>, ScoreOptions {}

interface Entry<E> {
  el: E;
  d: FieldDescriptor;
}

function ancestors(node: MiniNode, depth: number): MiniNode[] {
  const out: MiniNode[] = [];
  for (let n = node.parentNode; n && out.length < depth; n = n.parentNode) out.push(n);
  return out;
}

/**
 * Boxes of one code widget share a container a few levels up (each box is often wrapped in its own
 * div); boxes belonging to two different widgets do not.
 */
function sameWidget(a: MiniNode, b: MiniNode): boolean {
  const aUp = ancestors(a, 3);
  return ancestors(b, 3).some((n) => aUp.includes(n));
}

/** Runs of visible one-character boxes with no other visible input between them, in document order. */
function splitRuns<E extends MiniElement>(entries: readonly Entry<E>[]): Entry<E>[][] {
  const runs: Entry<E>[][] = [];
  let run: Entry<E>[] = [];
  for (const entry of entries) {
    // Hidden inputs (a widget's aggregate value, say) neither join nor break a run.
    if (entry.d.hidden) continue;
    const previous = run.at(-1);
    if (isSplitCell(entry.d) && (!previous || sameWidget(previous.el, entry.el))) {
      run.push(entry);
      continue;
    }
    if (run.length) runs.push(run);
    run = isSplitCell(entry.d) ? [entry] : [];
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * Picks where the code goes: the best single field or the best group of boxes. A tie is refused as
 * ambiguous, because typing a code into the wrong one of two look-alike fields helps nobody.
 */
export function chooseTarget<E extends MiniElement>(inputs: readonly E[], opts: ChooseOptions<E>): Choice<E> {
  const entries = inputs
    .filter((el) => el.tagName.toUpperCase() === 'INPUT')
    .map((el) => ({ el, d: describeField(el, opts) }));
  const candidates: Array<{ kind: 'single' | 'split'; fields: E[]; score: number; reason: string }> = [];
  const grouped = new Set<E>();
  for (const run of splitRuns(entries)) {
    const verdict = scoreSplitGroup(
      run.map((entry) => entry.d),
      opts,
    );
    if (verdict.score <= 0) continue;
    candidates.push({ kind: 'split', fields: run.map((entry) => entry.el), ...verdict });
    for (const entry of run) grouped.add(entry.el);
  }
  for (const { el, d } of entries) {
    if (grouped.has(el)) continue;
    const verdict = scoreField(d, opts);
    if (verdict.score > 0) candidates.push({ kind: 'single', fields: [el], ...verdict });
  }
  candidates.sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  if (!best) return { kind: 'none', reason: 'no-field' };
  if (second && second.score === best.score) return { kind: 'none', reason: 'ambiguous' };
  return best;
}
