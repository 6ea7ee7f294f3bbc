import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyView } from './lazy';

const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

function controlledView() {
  let resolve!: () => void;
  const arrived = new Promise<void>((done) => {
    resolve = done;
  });
  const View = lazyView(async () => {
    await arrived;
    return ({ text }: { text: string }) => <p>{text}</p>;
  });
  return { View, resolve };
}

describe('lazyView', () => {
  const root = document.getElementById('root')!;
  Object.assign(globalThis, { document });
  afterEach(() => render(null, root));

  it('shows the view once its code has arrived', async () => {
    const { View, resolve } = controlledView();
    render(<View text="Delete this account?" />, root);
    expect(root.textContent).toBe('');
    resolve();
    await settle();
    expect(root.textContent).toBe('Delete this account?');
  });

  it('shows it when a preload finishes between the first render and its effect', async () => {
    const { View, resolve } = controlledView();
    const preloaded = View.preload();
    render(<View text="Fill in on this site?" />, root);
    // The effect that would wait for the code runs after paint; the preload lands before it.
    resolve();
    await preloaded;
    await settle();
    expect(root.textContent).toBe('Fill in on this site?');
  });
});
