let marked = false;

/**
 * The benchmark reads this mark: the moment the first list with codes is about to be painted.
 * Called from a requestAnimationFrame after the commit, which runs right before that paint.
 */
export function markCodesPainted(): void {
  if (marked) return;
  marked = true;
  performance.mark('tweestap:codes-painted');
}
