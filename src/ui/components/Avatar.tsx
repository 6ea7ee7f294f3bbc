/** A stable hue per issuer, so the same service always looks the same without fetching a logo. */
export function hueOf(name: string): number {
  // FNV-1a: tiny, fast and spreads similar names ("Bank A", "Bank B") far apart.
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}

export function initialOf(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? first.toLocaleUpperCase() : '?';
}

export function Avatar({ name }: { name: string }) {
  const key = name.trim().toLowerCase();
  return (
    <span class="avatar" style={{ '--hue': String(hueOf(key)) }} aria-hidden="true">
      {initialOf(name)}
    </span>
  );
}
