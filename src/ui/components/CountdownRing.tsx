const RADIUS = 12;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

interface Props {
  remaining: number;
  period: number;
  /** The time step; a new step remounts the arc so it refills at once instead of sweeping back. */
  step: number;
  urgent: boolean;
}

/**
 * The arc shrinks as the code's time runs out, with the seconds left inside it; the list's one timer
 * redraws it each second. The seconds are for the eye: the code's own name is what is read out.
 */
export function CountdownRing({ remaining, period, step, urgent }: Props) {
  const left = Math.min(1, Math.max(0, remaining / period));
  return (
    <span class={`ring${urgent ? ' is-urgent' : ''}`} aria-hidden="true" data-testid="countdown">
      <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
        <circle class="ring-track" cx="14" cy="14" r={RADIUS} />
        <circle
          key={step}
          class="ring-arc"
          cx="14"
          cy="14"
          r={RADIUS}
          stroke-dasharray={CIRCUMFERENCE.toFixed(2)}
          stroke-dashoffset={(CIRCUMFERENCE * (1 - left)).toFixed(2)}
        />
      </svg>
      <span class="ring-seconds">{Math.ceil(remaining)}</span>
    </span>
  );
}
