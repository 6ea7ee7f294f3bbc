import type { Browser, CDPSession } from '@playwright/test';

/**
 * `E2E_CPU_SLOWDOWN=4 npm run test:e2e` runs every page, extension page, the real popup and the
 * offscreen document at a quarter of the CPU (CDP Emulation.setCPUThrottlingRate), to prove that no
 * test depends on the machine being fast. CDP refuses CPU throttling for service workers ("only
 * supported for pages"), so the worker runs at full speed; a second suite running at the same time
 * is what loads it.
 */
export const CPU_SLOWDOWN = Number(process.env.E2E_CPU_SLOWDOWN ?? '') || 1;

interface TargetInfo {
  targetId: string;
  type: string;
}

export async function slowDownEveryPage(browser: Browser, rate: number): Promise<CDPSession | undefined> {
  if (rate <= 1) return undefined;
  const cdp = await browser.newBrowserCDPSession();
  const throttled = new Set<string>();
  let nextId = 1;
  const throttle = async (target: TargetInfo) => {
    // Pages, the popup and offscreen documents; never a worker (refused) or the browser's own UI.
    if (!['page', 'other', 'background_page', 'iframe'].includes(target.type)) return;
    if (throttled.has(target.targetId)) return;
    throttled.add(target.targetId);
    try {
      const { sessionId } = (await cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      })) as { sessionId: string };
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: nextId++, method: 'Emulation.setCPUThrottlingRate', params: { rate } }),
      } as never);
    } catch {
      // A target that closed before we reached it needs no throttling.
    }
  };
  cdp.on(
    'Target.targetCreated' as never,
    ((event: { targetInfo: TargetInfo }) => void throttle(event.targetInfo)) as never,
  );
  await cdp.send('Target.setDiscoverTargets', { discover: true } as never);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  await Promise.all(targetInfos.map(throttle));
  return cdp;
}
