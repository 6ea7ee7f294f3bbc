import { useMemo } from 'preact/hooks';
import { qrMatrix } from '../../core/qr/encode';

interface Props {
  text: string;
  /** What a screen reader hears: what the code is for, never the text it holds. */
  label: string;
  /** CSS pixels per side, quiet zone included; below 220 a phone held at arm's length struggles. */
  size?: number;
}

/** A QR code as one SVG path: crisp at any zoom, dark on light whatever the theme. */
export function QrCode({ text, label, size = 240 }: Props) {
  const { modules, path } = useMemo(() => {
    const matrix = qrMatrix(text);
    let d = '';
    matrix.dark.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return { modules: matrix.size, path: d };
  }, [text]);
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shape-rendering="crispEdges"
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
