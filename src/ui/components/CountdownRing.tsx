const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

interface Props {
  remaining: number;
  period: number;
  /** The time step; a new step remounts the arc so it refills at once instead of sweeping back. */
  step: number;
  urgent: boolean;
}

/** The arc shrinks as the code's time runs out; the list's one timer redraws it each second. */
export function CountdownRing({ remaining, period, step, urgent }: Props) {
  const left = Math.min(1, Math.max(0, remaining / period));
  return (
    <svg
      class={`ring${urgent ? ' is-urgent' : ''}`}
      width="22"
      height="22"
      viewBox="0 0 22 22"
      aria-hidden="true"
      focusable="false"
    >
      <circle class="ring-track" cx="11" cy="11" r={RADIUS} />
      <circle
        key={step}
        class="ring-arc"
        cx="11"
        cy="11"
        r={RADIUS}
        stroke-dasharray={CIRCUMFERENCE.toFixed(2)}
        stroke-dashoffset={(CIRCUMFERENCE * (1 - left)).toFixed(2)}
      />
    </svg>
  );
}
