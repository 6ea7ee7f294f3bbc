import { expect, test } from './fixtures';

test('every acknowledged write survives the service worker being stopped mid-burst', async ({
  context,
  openPopup,
  serviceWorker,
}) => {
  test.setTimeout(120_000);
  const popup = await openPopup();
  const cdp = await context.newCDPSession(popup);

  // 500 adds in flight at once; each settles as acknowledged (ok), refused, or lost with the worker.
  const burst = popup.evaluate(async () => {
    const secret = (i: number) =>
      `MZXW6YTBOI${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i % 32]}${i.toString(2).replace(/0/g, 'A').replace(/1/g, 'B')}`;
    const sends = Array.from({ length: 500 }, (_, i) =>
      chrome.runtime
        .sendMessage({
          tweestap: 1,
          name: 'vault.add',
          request: {
            account: {
              type: 'totp',
              issuer: 'Burst',
              label: `burst-${i}`,
              secret: secret(i),
              algorithm: 'SHA1',
              digits: 6,
              period: 30,
              counter: 0,
            },
          },
        })
        .then(
          (answer: { ok: boolean; value?: { id: string } }) => {
            const counter = window as unknown as { acked?: number };
            counter.acked = (counter.acked ?? 0) + 1;
            return answer?.ok ? answer.value!.id : `refused:${JSON.stringify(answer)}`;
          },
          () => 'lost',
        ),
    );
    return Promise.all(sends);
  });

  // Let part of the burst commit, then stop the worker while the rest is in flight.
  await popup.waitForFunction(() => ((window as unknown as { acked?: number }).acked ?? 0) >= 20, null, {
    polling: 5,
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const outcomes = await burst;

  const acknowledged = outcomes.filter((o) => !o.startsWith('refused') && o !== 'lost');
  const lost = outcomes.filter((o) => o === 'lost');
  console.log(
    `burst: ${acknowledged.length} acknowledged, ${lost.length} lost with the worker, ${500 - acknowledged.length - lost.length} refused`,
  );
  expect(outcomes.filter((o) => o.startsWith('refused'))).toEqual([]);
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(lost.length).toBeGreaterThan(0);

  // A new message wakes a new worker, which must open the vault and hold every acknowledged write.
  const reopened = await openPopup();
  const listed = await reopened.evaluate(() =>
    chrome.runtime.sendMessage({ tweestap: 1, name: 'vault.list', request: {} }),
  );
  expect(listed.ok).toBe(true);
  expect(listed.value.damaged).toEqual([]);
  const stored = new Set((listed.value.accounts as { id: string }[]).map((a) => a.id));
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  void serviceWorker;
});
