/** The box the user drew, in CSS pixels of the viewport, with the ratio to device pixels. */
export interface SelectedArea {
  x: number;
  y: number;
  width: number;
  height: number;
  ratio: number;
}

/** The fallback scan: the user draws a box around the QR; Escape or a click without a box cancels. */
export function selectArea({ hint }: { hint: string }): Promise<SelectedArea | null> {
  return new Promise((resolve) => {
    const overlay = document.createElement('div');
    overlay.setAttribute(
      'style',
      'position:fixed;inset:0;z-index:2147483647;cursor:crosshair;background:rgba(0,0,0,.25)',
    );
    const label = document.createElement('div');
    label.textContent = hint;
    label.setAttribute(
      'style',
      'position:fixed;top:16px;left:50%;transform:translateX(-50%);padding:8px 14px;border-radius:8px;background:#0f766e;color:#fff;font:14px system-ui,sans-serif',
    );
    const box = document.createElement('div');
    box.setAttribute(
      'style',
      'position:fixed;border:2px solid #0f766e;background:rgba(255,255,255,.1);display:none',
    );
    overlay.append(label, box);
    let start: { x: number; y: number } | undefined;
    const done = (area: SelectedArea | null) => {
      overlay.remove();
      removeEventListener('keydown', onKey, true);
      // Wait a frame so the overlay is gone from the capture.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(area)));
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && done(null);
    addEventListener('keydown', onKey, true);
    overlay.addEventListener('pointerdown', (event) => {
      start = { x: event.clientX, y: event.clientY };
      box.style.display = 'block';
    });
    overlay.addEventListener('pointermove', (event) => {
      if (!start) return;
      Object.assign(box.style, {
        left: `${Math.min(start.x, event.clientX)}px`,
        top: `${Math.min(start.y, event.clientY)}px`,
        width: `${Math.abs(event.clientX - start.x)}px`,
        height: `${Math.abs(event.clientY - start.y)}px`,
      });
    });
    overlay.addEventListener('pointerup', (event) => {
      if (!start) return;
      const area = {
        x: Math.min(start.x, event.clientX),
        y: Math.min(start.y, event.clientY),
        width: Math.abs(event.clientX - start.x),
        height: Math.abs(event.clientY - start.y),
        ratio: devicePixelRatio,
      };
      done(area.width > 8 && area.height > 8 ? area : null);
    });
    document.documentElement.append(overlay);
  });
}
